export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A server when DATABASE_URL is set; otherwise the embedded PGlite, so `npm start` needs no setup. */
export type DatabaseConfig =
  | Readonly<{
      kind: 'postgres';
      url: string;
      poolMax: number;
      /** Statements of a transaction sent without waiting for each answer (node-postgres pipeline mode). */
      pipeline: boolean;
    }>
  | Readonly<{ kind: 'pglite'; dataDir: string }>;

export type HttpConfig = Readonly<{
  host: string;
  port: number;
  bodyLimitBytes: number;
  /**
   * Public URL of the web app: APP_URL, else `http://localhost:<PORT>`. With PORT=0 and no APP_URL
   * the port is known only once the server listens: generate links with `AppUrl`, which waits for it.
   */
  appUrl: string;
  /** True when APP_URL is unset, so the URL follows the port the server listens on. */
  appUrlFollowsPort: boolean;
  /** Origins besides the web app's that browsers may call the API and open the WebSocket from. */
  corsOrigins: readonly string[];
  /** Public URL of the API itself, for documents that name it; unset → the request's Host. */
  publicApiUrl: string | undefined;
  /** The built web app served at `/`: WEB_APP_DIR, else the panel workspace's `dist/`. */
  webAppDirectory: string | undefined;
}>;
/** `secret` unset (outside production only): one is generated and kept with the data. */
export type JwtConfig = Readonly<{ secret: string | undefined; expiresInSeconds: number }>;
export type EmailConfig = Readonly<{ smtpUrl: string | undefined; from: string }>;
export type AdminAccountConfig = Readonly<{ email: string; password: string }>;
export type ProcessStConfig = Readonly<{
  apiKey: string | undefined;
  baseUrl: string;
  workflowId: string | undefined;
  webhookSecret: string | undefined;
  /** How long a call to process.st may take before it counts as unavailable. */
  timeoutMs: number;
}>;

/**
 * The validated environment. An abstract class rather than an interface so it can be the
 * injection token itself: `constructor(private readonly config: AppConfig)`.
 */
export abstract class AppConfig {
  abstract readonly environment: NodeEnvironment;
  abstract readonly http: HttpConfig;
  abstract readonly database: DatabaseConfig;
  abstract readonly jwt: JwtConfig;
  abstract readonly email: EmailConfig;
  /** Seeded at start-up when both ADMIN_EMAIL and ADMIN_PASSWORD are set. */
  abstract readonly admin: AdminAccountConfig | undefined;
  abstract readonly currentCourseId: string | undefined;
  abstract readonly processSt: ProcessStConfig;
  abstract readonly logLevel: LogLevel;
  /** Serve Prometheus metrics at /metrics. */
  abstract readonly metricsEnabled: boolean;
  /** How long shutdown waits for requests in flight before cutting them off. */
  abstract readonly shutdownTimeoutMs: number;
  /** Registrations one client address may start per hour: each one mails an address of the client's choosing. */
  abstract readonly registrationsPerHour: number;
  /** The facts the build read from the sources for the Event Model: EVENT_MODEL_SOURCES_FILE, else the one `npm run build` writes into `dist/`. */
  abstract readonly eventModelSourcesFile: string | undefined;
  /**
   * Wraps the keys personal data is encrypted with, where they are stored: set, a copy of the
   * database alone decrypts nothing. Unset, the keys are stored as they are (ADR 0020).
   */
  abstract readonly personalDataMasterKey: Buffer | undefined;
  /**
   * Partitions of the courses read model's subscription, shared by the instances (ADR 0026). Each
   * course is created once, in its own stream, so any split keeps its order.
   */
  abstract readonly coursesReadModelPartitions: number;
}
