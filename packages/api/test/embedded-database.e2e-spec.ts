import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, SpawnedApp } from './support/spawned-app';

/**
 * What `npm start` runs, without DATABASE_URL: the built server on embedded PGlite in DATA_DIR.
 * Nothing to install, and what it records survives a restart.
 */
describe('the start command on the embedded database', () => {
  let dataDir: string;
  let running: SpawnedApp | null = null;

  beforeAll(async () => {
    await buildApp();
    dataDir = await mkdtemp(join(tmpdir(), 'coderscamp-embedded-'));
  });
  afterAll(async () => {
    running?.process.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<string> {
    running = SpawnedApp.start({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SMTP_URL: '' });
    return running.listening();
  }

  async function stop(): Promise<number | null> {
    running!.process.kill('SIGTERM');
    const { code } = await running!.exited;
    running = null;
    return code;
  }

  const register = (url: string) =>
    fetch(`${url}/api/user-registration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fullName: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery staple' }),
    });

  it('given no DATABASE_URL, then serves /api/health with 200 and keeps its events across a restart', async () => {
    const first = await start();
    const health = await fetch(`${first}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });
    expect((await register(first)).status).toBe(201);
    expect(await stop()).toBe(0);

    const second = await start();
    const again = await register(second);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'EMAIL_ALREADY_REGISTERED' });
    expect(await stop()).toBe(0);
  });
});
