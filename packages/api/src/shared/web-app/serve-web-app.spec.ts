import { describe, expect, it } from 'vitest';
import { cacheControlOf, isAppPage } from './serve-web-app';

const SERVER_PATHS = ['api', 'metrics'];

describe('which paths the web app answers', () => {
  it.each(['/', '/dashboard', '/confirm-email?token=a.b', '/reset-password?token=x.y', '/learning-materials/3f2a', '/apis', '/metrics-of-my-course'])(
    'given %s, then the app routes it',
    (url) => {
      expect(isAppPage(url, SERVER_PATHS)).toBe(true);
    },
  );

  it.each(['/api', '/api/', '/api/unknown', '/api/docs', '/metrics', '/metrics/', '/assets/index-OLDHASH.js', '/favicon.ico', '/robots.txt'])(
    'given %s, then the app leaves it to the server (its routes, or a 404)',
    (url) => {
      expect(isAppPage(url, SERVER_PATHS)).toBe(false);
    },
  );
});

describe('how long browsers keep a file', () => {
  it('given a hashed asset, then for good; given anything else, then revalidated', () => {
    expect(cacheControlOf('/srv/app', '/srv/app/assets/index-B0srLkD3.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlOf('/srv/app', '/srv/app/index.html')).toBe('no-cache');
  });
});
