import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** The repository root, from bench/dist/http. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The built app's entry point, as `npm start` runs it (`npm run build` first). */
export const APP_MAIN = path.join(REPOSITORY_ROOT, 'packages', 'api', 'dist', 'start.js');

/** Node's flags for the app, as `npm start` passes them: read from the same build as APP_MAIN. */
export async function appNodeFlags(): Promise<readonly string[]> {
  const built = (await import(path.join(REPOSITORY_ROOT, 'packages', 'api', 'dist', 'server-node-flags.js'))) as { SERVER_NODE_FLAGS: readonly string[] };
  return built.SERVER_NODE_FLAGS;
}

const OUTPUT_LINES_KEPT = 20;
const STOP_TIMEOUT_MS = 15_000;

/** A server in a child process: its output is kept (the last lines) to explain a failure. */
export class ChildServer {
  private readonly lines: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.lines.splice(0, Math.max(0, this.lines.length - OUTPUT_LINES_KEPT));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /**
   * Spawns `node <nodeArguments>` with exactly `env` (plus PATH and PORT), listening on a free port
   * of 127.0.0.1. Nothing of the bench's own environment leaks in, e.g. a DATABASE_URL.
   */
  static async spawn(nodeArguments: readonly string[], env: Readonly<Record<string, string>>): Promise<ChildServer> {
    const port = await freePort();
    const child = spawn(process.execPath, nodeArguments, {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ChildServer(child, `http://127.0.0.1:${port}`);
  }

  get processId(): number | undefined {
    return this.child.exitCode === null ? this.child.pid : undefined;
  }

  output(): string {
    return this.lines.join('\n');
  }

  /**
   * Polls `path` until `isReady(status, body)`; resolves with the milliseconds since `since`.
   * Fails when the process exits first or `timeoutMs` passes.
   */
  async waitUntil(
    pathToPoll: string,
    isReady: (status: number, body: string) => boolean,
    since: number,
    timeoutMs: number,
    pollEveryMs = 10,
  ): Promise<number> {
    while (performance.now() - since < timeoutMs) {
      if (this.child.exitCode !== null) throw new Error(`server exited with code ${this.child.exitCode}: ${this.output()}`);
      try {
        const response = await fetch(`${this.url}${pathToPoll}`);
        const body = await response.text();
        if (isReady(response.status, body)) return performance.now() - since;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
    }
    throw new Error(`${pathToPoll} not ready within ${timeoutMs} ms: ${this.output()}`);
  }

  /** SIGTERM, so the server drains and closes its pool before its schema is dropped. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timeout);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
