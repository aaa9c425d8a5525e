import { describe, expect, it } from 'vitest';
import { AppUrl } from './app-url';
import { loadAppConfig } from './load-app-config';

const settled = async (promise: Promise<string>) => Promise.race([promise, new Promise((resolve) => setImmediate(() => resolve('pending')))]);

describe('AppUrl', () => {
  it('given PORT=0 and no APP_URL, then links wait for the port the server listens on and then name it', async () => {
    const appUrl = new AppUrl(loadAppConfig({ PORT: '0' }));
    const link = appUrl.resolve();

    expect(await settled(link)).toBe('pending');
    appUrl.listeningOn(41_234);

    expect(await link).toBe('http://localhost:41234');
    expect(appUrl.allowedOrigins()).toEqual(['http://localhost:41234']);
  });

  it('given a fixed PORT and no APP_URL, then the URL is known at once', async () => {
    expect(await new AppUrl(loadAppConfig({ PORT: '4100' })).resolve()).toBe('http://localhost:4100');
  });

  it('given APP_URL and PORT=0, then APP_URL stands whatever port the server gets', async () => {
    const appUrl = new AppUrl(loadAppConfig({ PORT: '0', APP_URL: 'https://coderscamp.example/app' }));
    appUrl.listeningOn(41_234);

    expect(await appUrl.resolve()).toBe('https://coderscamp.example/app');
  });

  it('given CORS_ORIGINS, then allows exactly those origins besides the app\'s own', () => {
    const appUrl = new AppUrl(loadAppConfig({ APP_URL: 'https://coderscamp.example/app', CORS_ORIGINS: 'http://localhost:5173' }));

    expect(appUrl.isAllowedOrigin('https://coderscamp.example')).toBe(true);
    expect(appUrl.isAllowedOrigin('http://localhost:5173')).toBe(true);
    expect(appUrl.isAllowedOrigin('https://coderscamp.example.evil.example')).toBe(false);
    expect(appUrl.isAllowedOrigin('http://coderscamp.example')).toBe(false);
    expect(appUrl.isAllowedOrigin('null')).toBe(false);
  });
});
