import { Global, Module, type DynamicModule } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { migrateEventStore, pgSqlClient, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { AuthModule } from '../../src/shared/auth/auth.module';
import { AppConfig } from '../../src/shared/config/app-config';
import { type EnvOverrides, loadAppConfig } from '../../src/shared/config/load-app-config';
import { SQL_CLIENT } from '../../src/shared/database/database-connection';
import { createReadModelDatabase, READ_MODEL_DATABASE, type ReadModelDatabase } from '../../src/shared/database/read-model-database';
import { runReadModelMigrations } from '../../src/shared/database/read-model-migration.runner';
import { RateLimitsModule } from '../../src/shared/rate-limits/rate-limits.module';

export type ReadModelTestDatabase = Readonly<{
  database: TestDatabase;
  sqlClient: SqlClient;
  /** Drizzle over the test database, e.g. to arrange the rows a port's adapter reads. */
  db: ReadModelDatabase;
  /**
   * What the app's global platform modules give every slice (config, databases, JWT auth, rate limits), for
   * slice specs that compile a real slice module outside the app.
   */
  platformModule(env?: EnvOverrides): DynamicModule;
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
  return {
    database,
    sqlClient,
    db,
    platformModule: (env = {}) => ({
      module: TestPlatformModule,
      global: true,
      imports: [AuthModule, RateLimitsModule],
      providers: [
        { provide: AppConfig, useValue: loadAppConfig({ DATABASE_URL: database.url, ...env }) },
        { provide: READ_MODEL_DATABASE, useValue: db },
        { provide: SQL_CLIENT, useValue: sqlClient },
      ],
      exports: [AppConfig, READ_MODEL_DATABASE, SQL_CLIENT],
    }),
    drop: () => database.drop(),
  };
}
