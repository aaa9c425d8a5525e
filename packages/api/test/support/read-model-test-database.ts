import { Global, Module, type DynamicModule } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { migrateEventStore, pgSqlClient, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { AuthModule } from '../../src/shared/auth/auth.module';
import { ConfigModule } from '../../src/shared/config/config.module';
import { type EnvSource, loadAppConfig } from '../../src/shared/config/load-app-config';
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
