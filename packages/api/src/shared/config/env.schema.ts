import { MAX_PARTITIONS } from '@coderscamp/event-sourcing';
import { z } from 'zod';
import { LOG_LEVELS, NODE_ENVIRONMENTS } from './app-config';

const MIN_PRODUCTION_JWT_SECRET_LENGTH = 32;

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

export const DEFAULT_REGISTRATIONS_PER_HOUR = 10;

const optionalText = z.string().min(1).optional();

// An origin as browsers send it in the Origin header: scheme, host and port, nothing after.
const ORIGIN_PATTERN = /^https?:\/\/[^/?#\s]+$/i;

const origins = z
  .string()
  .transform((list) => list.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .superRefine((entries, context) => {
    for (const entry of entries) {
      if (!ORIGIN_PATTERN.test(entry) || !URL.canParse(entry)) {
        context.addIssue({ code: 'custom', message: `"${entry}" is not an origin: write scheme://host[:port], without a path, e.g. https://app.example.com` });
      }
    }
  })
  .transform((entries) => entries.map((entry) => new URL(entry).origin));

// 32 bytes are 44 base64 characters, the last one padding.
const masterKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters), e.g. the output of `openssl rand -base64 32`')
  .transform((base64) => Buffer.from(base64, 'base64'));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(NODE_ENVIRONMENTS).default('development'),
    PORT: integer(0, 65_535).default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_POOL_MAX: integer(1, 1_000).default(10),
    DATABASE_PIPELINE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((value) => value === 'true'),
    JWT_SECRET: z.string().min(1).optional(),
    JWT_EXPIRES_IN_SECONDS: integer(1, 31_536_000).default(3600),
    APP_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    CORS_ORIGINS: origins.optional(),
    PUBLIC_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    WEB_APP_DIR: z.string().min(1).optional(),
    EVENT_MODEL_SOURCES_FILE: z.string().min(1).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    EMAIL_FROM: z.string().min(1).default('CodersCamp <no-reply@coderscamp.local>'),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(8, 'must have at least 8 characters').optional(),
    CURRENT_COURSE_ID: z.uuid().optional(),
    PROCESS_ST_API_KEY: optionalText,
    PROCESS_ST_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://public-api.process.st/api/v1.1'),
    PROCESS_ST_WORKFLOW_ID: optionalText,
    PROCESS_ST_WEBHOOK_SECRET: optionalText,
    PROCESS_ST_TIMEOUT_MS: integer(1, 120_000).default(5_000),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    BODY_LIMIT_BYTES: integer(1, 100 * 1024 * 1024).default(65_536),
    METRICS_ENABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((value) => value === 'true'),
    SHUTDOWN_TIMEOUT_MS: integer(0, 120_000).default(5_000),
    REGISTRATIONS_PER_HOUR: integer(1, 1_000_000).default(DEFAULT_REGISTRATIONS_PER_HOUR),
    PERSONAL_DATA_MASTER_KEY: masterKey.optional(),
    COURSES_READ_MODEL_PARTITIONS: integer(1, MAX_PARTITIONS).default(1),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === 'production') {
      // Elsewhere a missing secret is generated and kept with the data; production must choose its own.
      if (env.JWT_SECRET === undefined) {
        context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production' });
      } else if (env.JWT_SECRET.length < MIN_PRODUCTION_JWT_SECRET_LENGTH) {
        context.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: `must have at least ${MIN_PRODUCTION_JWT_SECRET_LENGTH} characters in production`,
        });
      }
    }
    if (env.PROCESS_ST_API_KEY !== undefined && env.PROCESS_ST_WORKFLOW_ID === undefined) {
      context.addIssue({ code: 'custom', path: ['PROCESS_ST_WORKFLOW_ID'], message: 'must be set together with PROCESS_ST_API_KEY' });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      const missing = env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
      context.addIssue({ code: 'custom', path: [missing], message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together' });
    }
  });

export type Env = z.infer<typeof envSchema>;
export type EnvVariableName = keyof z.input<typeof envSchema>;
