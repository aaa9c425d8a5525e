import { TestMailbox } from '../../support/test-mailbox';
import { AppProcess, appEnvironment, type AppEnvironment } from './app-process';
import { EventLog } from './event-log';
import { HttpDriver } from './http-driver';
import { createDatabase, publishedCluster, type ClusterHandle } from './postgres-cluster';
import { ScenarioReport } from './scenario-report';

/** Sizes scale with RELIABILITY_SCALE (default 1) so CI stays within its time and a soak run can go bigger. */
export function scaled(base: number, variable?: string): number {
  const explicit = variable ? Number(process.env[variable]) : NaN;
  if (Number.isFinite(explicit) && explicit > 0) return Math.round(explicit);
  const scale = Number(process.env.RELIABILITY_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/**
 * Everything one scenario runs on: a database of its own in the suite's cluster, a real SMTP
 * server, the report, direct read access to the event store, and its app processes.
 */
export class Scenario {
  readonly apps: AppProcess[] = [];

  private constructor(
    readonly report: ScenarioReport,
    readonly cluster: ClusterHandle,
    readonly databaseUrl: string,
    readonly mailbox: TestMailbox,
    readonly log: EventLog,
    readonly env: AppEnvironment,
  ) {}

  static async create(name: string, extraEnv: AppEnvironment = {}): Promise<Scenario> {
    const cluster = publishedCluster();
    const databaseUrl = await createDatabase(cluster, name.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30));
    const mailbox = await TestMailbox.start();
    return new Scenario(new ScenarioReport(name), cluster, databaseUrl, mailbox, new EventLog(databaseUrl), appEnvironment(databaseUrl, mailbox.url, extraEnv));
  }

  async startApp(name = `app-${this.apps.length + 1}`): Promise<AppProcess> {
    const app = await AppProcess.start(name, this.env);
    this.apps.push(app);
    return app;
  }

  /** A client against `app`, or round-robin over every running app. */
  http(app?: AppProcess): HttpDriver {
    let next = 0;
    return new HttpDriver(() => {
      if (app) return app.url;
      const running = this.apps.filter((candidate) => candidate.isRunning);
      const pool = running.length > 0 ? running : this.apps;
      return pool[next++ % pool.length]!.url;
    }, this.report);
  }

  async stopApps(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.terminate()));
  }

  async dispose(): Promise<void> {
    await this.stopApps();
    await this.log.close().catch(() => undefined);
    await this.mailbox.stop();
  }
}
