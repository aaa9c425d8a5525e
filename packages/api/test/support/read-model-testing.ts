import { Global, Module, type DynamicModule } from '@nestjs/common';
import { migrateEventStore, pgSqlClient, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import { AuthModule } from '../../src/shared/auth/auth.module';
import { ConfigModule } from '../../src/shared/config/config.module';
import { type EnvSource, loadAppConfig } from '../../src/shared/config/load-app-config';
import { SQL_CLIENT } from '../../src/shared/database/database-connection';
import { READ_MODEL_DATABASE } from '../../src/shared/database/read-model-database';
import { runReadModelMigrations } from '../../src/shared/database/read-model-migration.runner';
import { RateLimitsModule } from '../../src/shared/rate-limits/rate-limits.module';

export type MigratedTestDatabase = Readonly<{ database: TestDatabase; sqlClient: SqlClient }>;

/** A fresh PostgreSQL database with the event store and every read-model table. */
export async function migratedTestDatabase(): Promise<MigratedTestDatabase> {
  const database = await createTestDatabase({ prefix: 'read_model' });
  const sqlClient = pgSqlClient(database.pool);
  await migrateEventStore(sqlClient);
  await runReadModelMigrations(sqlClient);
  return { database, sqlClient };
}

@Global()
@Module({})
class TestReadModelDatabaseModule {
  static over(database: TestDatabase): DynamicModule {
    const providers = [
      { provide: READ_MODEL_DATABASE, useValue: drizzle(database.pool) },
      { provide: SQL_CLIENT, useValue: pgSqlClient(database.pool) },
    ];
    return { module: TestReadModelDatabaseModule, providers, exports: providers };
  }
}

/**
 * What a read or automation module needs around it in a ProjectionSpecification: configuration,
 * the auth guards and rate limits its controllers use, and Drizzle over the test database.
 */
export function sliceSupportModules(database: TestDatabase, env: EnvSource = {}): DynamicModule['imports'] {
  // The configuration names the test database, so a generated JWT secret is kept there, not in ./data.
  return [ConfigModule.forRoot(loadAppConfig({ DATABASE_URL: database.url, ...env })), AuthModule, TestReadModelDatabaseModule.over(database), RateLimitsModule];
}
