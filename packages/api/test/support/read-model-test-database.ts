import { Global, Module, type DynamicModule } from '@nestjs/common';
import { type ProjectionSpecification, type SliceTestingOptions, WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { migrateEventStore, pgSqlClient, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { AuthModule } from '../../src/shared/auth/auth.module';
import { ConfigModule } from '../../src/shared/config/config.module';
import { type EnvSource, loadAppConfig } from '../../src/shared/config/load-app-config';
import { SQL_CLIENT } from '../../src/shared/database/database-connection';
import { createReadModelDatabase, READ_MODEL_DATABASE, type ReadModelDatabase } from '../../src/shared/database/read-model-database';
import { runReadModelMigrations } from '../../src/shared/database/read-model-migration.runner';
import { RateLimitsModule } from '../../src/shared/rate-limits/rate-limits.module';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export type ReadModelTestDatabase = Readonly<{
  database: TestDatabase;
  sqlClient: SqlClient;
  /** Drizzle over the test database, e.g. to arrange the rows a port's adapter reads. */
  db: ReadModelDatabase;
  /**
   * What the app's global platform modules give every slice (configuration, both views of the database, JWT auth,
   * rate limits), for specs that compile a real slice module outside the app: write, read or automation.
   */
  platformModule(env?: EnvSource): DynamicModule;
  drop(): Promise<void>;
}>;

@Global()
@Module({})
class TestPlatformModule {}

/** A fresh PostgreSQL database with the event store and every read-model table migrated. */
export async function createReadModelTestDatabase(): Promise<ReadModelTestDatabase> {
  const database = await createTestDatabase({ prefix: 'read_model' });
  const sqlClient = pgSqlClient(database.pool);
  await migrateEventStore(sqlClient);
  await runReadModelMigrations(sqlClient);
  const db = createReadModelDatabase({ kind: 'postgres', pool: database.pool });
  const databaseProviders = [
    { provide: READ_MODEL_DATABASE, useValue: db },
    { provide: SQL_CLIENT, useValue: sqlClient },
  ];
  return {
    database,
    sqlClient,
    db,
    // The configuration names the test database, so a generated JWT secret is kept there, not in ./data.
    platformModule: (env = {}) => ({
      module: TestPlatformModule,
      global: true,
      imports: [ConfigModule.forRoot(loadAppConfig({ DATABASE_URL: database.url, ...env })), AuthModule, RateLimitsModule],
      providers: databaseProviders,
      exports: databaseProviders,
    }),
    drop: () => database.drop(),
  };
}

/** A slice specification of a describe's tests, once the hooks have compiled it. */
export type SpecificationOnReadModelTestDatabase<S> = Readonly<{ spec: S }>;

/**
 * For the enclosing describe: before its tests, a fresh read-model database and the projection
 * specification `specify` compiles over it; after them, closes the specification, then drops the
 * database. Each describe gets a database of its own, so rows its tests leave count nowhere else.
 * The spec file builds the specification itself, with the SDK's DSL: that import is how the Event
 * Model finds a slice's given/when/then specs.
 */
export function projectionOnReadModelTestDatabase(
  specify: (database: ReadModelTestDatabase) => Promise<ProjectionSpecification>,
): SpecificationOnReadModelTestDatabase<ProjectionSpecification> {
  return specificationOnReadModelTestDatabase('once for the describe', specify);
}

/**
 * For the enclosing describe: before its tests, a fresh read-model database; before each test, a
 * write-module specification of `slice` behind the platform module over that database, so no test
 * sees the events of another; after each, closes it; after all, drops the database.
 */
export function writeModuleOnReadModelTestDatabase(slice: SliceTestingOptions): SpecificationOnReadModelTestDatabase<WriteModuleSpecification> {
  return specificationOnReadModelTestDatabase('once per test', (database) =>
    WriteModuleSpecification.for({ ...slice, imports: [database.platformModule(), ...(slice.imports ?? [])] }),
  );
}

/**
 * The hooks behind both: a read-model database for the describe and a specification compiled over it.
 * The database's are registered first so that, after-hooks running in reverse order of registration,
 * every specification is closed before the database under it is dropped.
 */
function specificationOnReadModelTestDatabase<S extends Readonly<{ close(): Promise<void> }>>(
  compiled: 'once for the describe' | 'once per test',
  compile: (database: ReadModelTestDatabase) => Promise<S>,
): SpecificationOnReadModelTestDatabase<S> {
  let database: ReadModelTestDatabase | undefined;
  let spec: S | undefined;
  const [beforeSpec, afterSpec] = compiled === 'once for the describe' ? [beforeAll, afterAll] : [beforeEach, afterEach];

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
  });
  afterAll(() => database?.drop());
  beforeSpec(async () => {
    spec = await compile(compiledOrThrow(database));
  });
  afterSpec(() => spec?.close());

  return {
    get spec() {
      return compiledOrThrow(spec);
    },
  };
}

function compiledOrThrow<T>(compiled: T | undefined): T {
  if (compiled === undefined) throw new Error(`The read-model test database and the specification are made in the describe's hooks: use them in a hook or test`);
  return compiled;
}
