import { describe, expect, it } from 'vitest';
import { InvalidConfigurationError } from './invalid-configuration.error';
import { loadAppConfig, type EnvSource } from './load-app-config';

const PRODUCTION_SECRET = 'a-production-secret-of-at-least-32-characters';

function problemsOf(env: EnvSource): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems.map(({ variable }) => variable);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadAppConfig', () => {
  it('given no variables at all, then starts in development on the embedded database with documented defaults', () => {
    const config = loadAppConfig({});

    expect(config).toMatchObject({
      environment: 'development',
      http: {
        host: '127.0.0.1',
        port: 4000,
        bodyLimitBytes: 65_536,
        appUrl: 'http://localhost:4000',
        appUrlFollowsPort: true,
        corsOrigins: [],
        publicApiUrl: undefined,
      },
      database: { kind: 'pglite', dataDir: './data' },
      jwt: { secret: undefined, expiresInSeconds: 3600 },
      email: { smtpUrl: undefined, from: 'CodersCamp <no-reply@coderscamp.local>' },
      admin: undefined,
      currentCourseId: undefined,
      processSt: { baseUrl: 'https://public-api.process.st/api/v1.1', timeoutMs: 5_000 },
      logLevel: 'info',
      metricsEnabled: true,
      shutdownTimeoutMs: 5_000,
    });
  });

  it('given DATABASE_URL, then uses PostgreSQL with the configured pool size, pipelining', () => {
    const config = loadAppConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', DATABASE_POOL_MAX: '4' });

    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', poolMax: 4, pipeline: true });
  });

  it('given DATABASE_PIPELINE=false, then the pool waits for each answer', () => {
    expect(loadAppConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', DATABASE_PIPELINE: 'false' }).database).toMatchObject({ pipeline: false });
  });

  it('given only PORT, then the web app is at that port of localhost', () => {
    expect(loadAppConfig({ PORT: '4100' }).http).toMatchObject({ appUrl: 'http://localhost:4100', appUrlFollowsPort: true });
  });

  it('given APP_URL, then it stays as set whatever the port', () => {
    expect(loadAppConfig({ PORT: '4100', APP_URL: 'https://coderscamp.example' }).http).toMatchObject({
      appUrl: 'https://coderscamp.example',
      appUrlFollowsPort: false,
    });
  });

  it('given CORS_ORIGINS with spaces, an upper-case host and a default port, then keeps them as browsers send them', () => {
    expect(loadAppConfig({ CORS_ORIGINS: ' https://App.example.com , http://localhost:5173,https://b.example:443' }).http.corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
      'https://b.example',
    ]);
  });

  it.each([
    ['a path', 'https://app.example.com/login'],
    ['a trailing slash', 'https://app.example.com/'],
    ['no scheme', 'app.example.com'],
    ['another scheme', 'ftp://app.example.com'],
    ['a wildcard', '*'],
    ['a query', 'https://app.example.com?x=1'],
  ])('given CORS_ORIGINS with %s (%s), then refuses to start explaining what an origin is', (_, entry) => {
    expect(() => loadAppConfig({ CORS_ORIGINS: `http://localhost:5173,${entry}` })).toThrow(
      /CORS_ORIGINS: ".*" is not an origin: write scheme:\/\/host\[:port\], without a path/,
    );
  });

  it('given empty values, then treats them as unset', () => {
    expect(loadAppConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      http: { port: 4000 },
      database: { kind: 'pglite' },
    });
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['PORT', '80a'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['DATABASE_POOL_MAX', '0'],
    ['DATABASE_PIPELINE', 'yes'],
    ['JWT_EXPIRES_IN_SECONDS', '-5'],
    ['APP_URL', 'localhost:4000'],
    ['PUBLIC_API_URL', 'ws://api.example.com'],
    ['SMTP_URL', 'http://mail.local'],
    ['CURRENT_COURSE_ID', 'not-a-uuid'],
    ['LOG_LEVEL', 'verbose'],
    ['BODY_LIMIT_BYTES', 'lots'],
    ['METRICS_ENABLED', 'yes'],
    ['SHUTDOWN_TIMEOUT_MS', '500000'],
    ['PROCESS_ST_TIMEOUT_MS', '0'],
    // 31 bytes, 33 bytes, and not base64 at all.
    ['PERSONAL_DATA_MASTER_KEY', Buffer.alloc(31, 1).toString('base64')],
    ['PERSONAL_DATA_MASTER_KEY', Buffer.alloc(33, 1).toString('base64')],
    ['PERSONAL_DATA_MASTER_KEY', 'not a key at all, but 44 characters long...'],
  ])('given %s=%s, then refuses to start naming that variable', (variable, value) => {
    expect(problemsOf({ [variable]: value })).toEqual([variable]);
  });

  it('given several wrong values, then names all of them at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'loud' })).toEqual(['PORT', 'LOG_LEVEL']);
  });

  it('given an error, then its message names the variable and the problem', () => {
    expect(() => loadAppConfig({ PORT: 'x' })).toThrow(/PORT: must be a whole number/);
  });

  describe('in production', () => {
    it('given no JWT secret, then refuses to start rather than generate one', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET']);
    });

    it('given a JWT secret shorter than 32 characters, then refuses to start', () => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short-secret' })).toEqual(['JWT_SECRET']);
    });

    it('given a long enough JWT secret, then starts', () => {
      expect(loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET }).jwt.secret).toBe(PRODUCTION_SECRET);
    });
  });

  describe('process.st', () => {
    it('given an API key without a workflow, then asks for PROCESS_ST_WORKFLOW_ID', () => {
      expect(problemsOf({ PROCESS_ST_API_KEY: 'key' })).toEqual(['PROCESS_ST_WORKFLOW_ID']);
    });

    it('given an API key, a workflow and a timeout, then configures the process.st client', () => {
      const config = loadAppConfig({ PROCESS_ST_API_KEY: 'key', PROCESS_ST_WORKFLOW_ID: 'workflow-1', PROCESS_ST_TIMEOUT_MS: '2500' });

      expect(config.processSt).toMatchObject({ apiKey: 'key', workflowId: 'workflow-1', timeoutMs: 2500 });
    });
  });

  describe('admin account', () => {
    it('given only ADMIN_EMAIL, then asks for ADMIN_PASSWORD', () => {
      expect(problemsOf({ ADMIN_EMAIL: 'admin@coderscamp.local' })).toEqual(['ADMIN_PASSWORD']);
    });

    it('given only ADMIN_PASSWORD, then asks for ADMIN_EMAIL', () => {
      expect(problemsOf({ ADMIN_PASSWORD: 'long-enough-password' })).toEqual(['ADMIN_EMAIL']);
    });

    it('given both, then configures the admin account', () => {
      const config = loadAppConfig({ ADMIN_EMAIL: 'admin@coderscamp.local', ADMIN_PASSWORD: 'long-enough-password' });

      expect(config.admin).toEqual({ email: 'admin@coderscamp.local', password: 'long-enough-password' });
    });
  });

  describe('personal data master key', () => {
    it('given none, then keys are stored unwrapped', () => {
      expect(loadAppConfig({}).personalDataMasterKey).toBeUndefined();
    });

    it('given 32 bytes in base64, then they wrap the keys', () => {
      const key = Buffer.alloc(32, 7);

      expect(loadAppConfig({ PERSONAL_DATA_MASTER_KEY: key.toString('base64') }).personalDataMasterKey).toEqual(key);
    });
  });
});
