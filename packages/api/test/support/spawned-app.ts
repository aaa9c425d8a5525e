import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVER_NODE_FLAGS } from '../../src/server-node-flags';

export const REPOSITORY_ROOT = join(__dirname, '../../../..');
const MAIN = join(REPOSITORY_ROOT, 'packages/api/dist/start.js');

/** Builds both packages, as `npm start` and the image do, so the real entry point is what runs. */
export async function buildApp(): Promise<void> {
  await promisify(execFile)('npm', ['run', 'build'], { cwd: REPOSITORY_ROOT });
}

export type LogLine = Readonly<{ level: number; msg: string; context?: string; [field: string]: unknown }>;

/** `node <SERVER_NODE_FLAGS> packages/api/dist/start.js` in a process of its own, with its JSON log lines and exit status. */
export class SpawnedApp {
  readonly logLines: LogLine[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly process: ChildProcess) {
    let pending = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('{')) this.logLines.push(JSON.parse(line) as LogLine);
    });
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => process.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(env: Record<string, string>): SpawnedApp {
    const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
    // As `npm start` runs it.
    return new SpawnedApp(spawn(process.execPath, [...SERVER_NODE_FLAGS, MAIN], { env: { ...parentEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** The start-up banner's line, once the app serves. */
  async startupLine(timeoutMs = 20_000): Promise<LogLine & { listening: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logLines.find((logLine) => logLine.context === 'Bootstrap' && typeof logLine.listening === 'string');
      if (line) return line as LogLine & { listening: string };
      if (this.process.exitCode !== null) throw new Error(`The app exited: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`The app did not start: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The address the app says it is bound to, once it serves. */
  async listening(timeoutMs = 20_000): Promise<string> {
    return (await this.startupLine(timeoutMs)).listening;
  }
}
