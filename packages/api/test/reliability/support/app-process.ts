import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVER_NODE_FLAGS } from '../../../src/server-node-flags';
import { freePort } from './free-port';

export const REPOSITORY_ROOT = resolve(__dirname, '../../../../..');
const MAIN = resolve(REPOSITORY_ROOT, 'packages/api/dist/start.js');
const CLI = resolve(REPOSITORY_ROOT, 'packages/api/dist/cli/main.js');
const OUTPUT_KEPT_CHARS = 20_000;

export const RELIABILITY_JWT_SECRET = 'reliability-secret-that-is-long-enough-for-production';
export const RELIABILITY_WEBHOOK_SECRET = 'reliability-webhook-secret';
export const RELIABILITY_ADMIN = { email: 'admin@reliability.test', password: 'admin-password-123' } as const;

export type AppEnvironment = Readonly<Record<string, string>>;

/** The environment every app process of the suite gets, on top of the scenario's own database and mailbox. */
export function appEnvironment(databaseUrl: string, smtpUrl: string, extra: AppEnvironment = {}): AppEnvironment {
  return {
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    JWT_SECRET: RELIABILITY_JWT_SECRET,
    PROCESS_ST_WEBHOOK_SECRET: RELIABILITY_WEBHOOK_SECRET,
    ADMIN_EMAIL: RELIABILITY_ADMIN.email,
    ADMIN_PASSWORD: RELIABILITY_ADMIN.password,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    // The scenarios register their users from one address.
    REGISTRATIONS_PER_HOUR: '1000000',
    ...extra,
  };
}

/**
 * One server process of the built app (`node packages/api/dist/start.js`) on a port of its own,
 * which it keeps across restarts so clients need not follow it. Keeps the tail of its output
 * for failure messages.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private exits = 0;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: AppEnvironment,
  ) {}

  static async start(name: string, env: AppEnvironment): Promise<AppProcess> {
    const app = new AppProcess(name, await freePort(), env);
    await app.restart();
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isRunning(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process (again) and resolves once /api/health/ready answers 200. */
  async restart(readyTimeoutMs = 60_000): Promise<void> {
    if (this.isRunning) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, MAIN], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', () => {
      this.exits += 1;
    });
    await this.waitReady(readyTimeoutMs);
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.isRunning) throw new Error(`${this.name} exited while starting:\n${this.output}`);
      if (await this.answers('/api/health/ready')) return;
      await sleep(100);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.output}`);
  }

  /** The crash: no shutdown hooks, no chance to finish in-flight work. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', 10_000);
  }

  /** Graceful stop; SIGKILL if it does not exit within `timeoutMs`. */
  async terminate(timeoutMs = 15_000): Promise<{ graceful: boolean }> {
    if (!this.isRunning) return { graceful: true };
    const exited = await this.signal('SIGTERM', timeoutMs).then(
      () => true,
      () => false,
    );
    if (!exited) await this.kill();
    return { graceful: exited };
  }

  logTail(chars = 4_000): string {
    return this.output.slice(-chars);
  }

  private async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
    const child = this.child;
    if (!child || !this.isRunning) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = sleep(timeoutMs).then(() => Promise.reject(new Error(`${this.name} did not exit on ${signal}`)));
    await Promise.race([exited, timer]);
  }

  private async answers(path: string): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  }
}

/** Runs the built CLI (`node packages/api/dist/cli/main.js <args>`) against a database. */
export async function runCli(args: readonly string[], env: AppEnvironment, timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPOSITORY_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code: code ?? -1, stdout, stderr };
}
