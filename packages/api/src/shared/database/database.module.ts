import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { migrateEventStore, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { AppConfig } from '../config/app-config';
import { PinoLoggerService } from '../observability/pino-logger.service';
import { DATABASE_CONNECTION, SQL_CLIENT, sqlClientOf, type DatabaseConnection } from './database-connection';
import { closeDatabaseConnection, openDatabaseConnection } from './open-database-connection';
import { createReadModelDatabase, READ_MODEL_DATABASE } from './read-model-database';
import { runReadModelMigrations } from './read-model-migration.runner';

// Migrating before the connection is handed out means no provider ever sees an outdated schema.
async function openMigratedConnection(config: AppConfig, logger: PinoLoggerService): Promise<DatabaseConnection> {
  const connection = await openDatabaseConnection(config.database, (error) =>
    // The driver's error carries its whole client; the message and code are what an operator needs.
    logger.warn({ msg: 'Idle database connection failed', error: error.message, code: (error as { code?: unknown }).code }, 'Database'),
  );
  try {
    await migrate(sqlClientOf(connection), logger);
    return connection;
  } catch (error) {
    await closeDatabaseConnection(connection);
    throw error;
  }
}

/** The event store's schema, then the read models' tables; both are safe to run from every instance at once. */
export async function migrate(sqlClient: SqlClient, logger: PinoLoggerService): Promise<void> {
  const eventStore = await migrateEventStore(sqlClient);
  const readModels = await runReadModelMigrations(sqlClient);
  if (eventStore.length + readModels.length > 0) {
    logger.log({ msg: 'Database migrated', eventStoreVersions: eventStore, readModelMigrations: readModels }, 'Database');
  }
}

/**
 * The app's database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
 * Closed last on shutdown, after every module has stopped using it.
 */
@Global()
@Module({
  providers: [
    { provide: DATABASE_CONNECTION, inject: [AppConfig, PinoLoggerService], useFactory: openMigratedConnection },
    { provide: SQL_CLIENT, inject: [DATABASE_CONNECTION], useFactory: sqlClientOf },
    { provide: READ_MODEL_DATABASE, inject: [DATABASE_CONNECTION], useFactory: createReadModelDatabase },
  ],
  exports: [DATABASE_CONNECTION, SQL_CLIENT, READ_MODEL_DATABASE],
})
export class DatabaseModule implements OnApplicationShutdown {
  private closed = false;

  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {}

  // Idempotent: a second close (a repeated signal, a test closing twice) must not fail.
  async onApplicationShutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeDatabaseConnection(this.connection);
  }
}
