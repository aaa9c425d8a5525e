import type { AppConfig } from './app-config';
import { type Env, envSchema, type EnvVariableName } from './env.schema';
import { InvalidConfigurationError } from './invalid-configuration.error';

export type EnvSource = Readonly<Record<string, string | undefined>>;
export type EnvOverrides = Readonly<Partial<Record<EnvVariableName, string>>>;

/** Validates the environment and shapes it for the app; throws naming every wrong variable. */
export function loadAppConfig(env: EnvSource): AppConfig {
  const result = envSchema.safeParse(withoutEmptyValues(env));
  if (!result.success) {
    throw new InvalidConfigurationError(
      result.error.issues.map((issue) => ({ variable: issue.path.join('.'), problem: issue.message })),
    );
  }
  return toAppConfig(result.data);
}

// `VAR=` in a compose file or shell means "not set", not "set to nothing".
function withoutEmptyValues(env: EnvSource): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}

function toAppConfig(env: Env): AppConfig {
  return {
    environment: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
      appUrlFollowsPort: env.APP_URL === undefined,
      corsOrigins: env.CORS_ORIGINS ?? [],
      publicApiUrl: env.PUBLIC_API_URL,
      webAppDirectory: env.WEB_APP_DIR,
    },
    database:
      env.DATABASE_URL === undefined
        ? { kind: 'pglite', dataDir: env.DATA_DIR }
        : { kind: 'postgres', url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX, pipeline: env.DATABASE_PIPELINE },
    jwt: { secret: env.JWT_SECRET, expiresInSeconds: env.JWT_EXPIRES_IN_SECONDS },
    email: { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM },
    admin:
      env.ADMIN_EMAIL !== undefined && env.ADMIN_PASSWORD !== undefined
        ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }
        : undefined,
    currentCourseId: env.CURRENT_COURSE_ID,
    eventModelSourcesFile: env.EVENT_MODEL_SOURCES_FILE,
    processSt: {
      apiKey: env.PROCESS_ST_API_KEY,
      baseUrl: env.PROCESS_ST_BASE_URL,
      workflowId: env.PROCESS_ST_WORKFLOW_ID,
      webhookSecret: env.PROCESS_ST_WEBHOOK_SECRET,
      timeoutMs: env.PROCESS_ST_TIMEOUT_MS,
    },
    logLevel: env.LOG_LEVEL,
    metricsEnabled: env.METRICS_ENABLED,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    registrationsPerHour: env.REGISTRATIONS_PER_HOUR,
    personalDataMasterKey: env.PERSONAL_DATA_MASTER_KEY,
    coursesReadModelPartitions: env.COURSES_READ_MODEL_PARTITIONS,
  };
}
