import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PersonalDataEventStore, UpcastingEventStore, type EventStore } from '@coderscamp/event-sourcing';
import { PostgresEventStore, PostgresSubjectKeyStore, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { PERSONAL_DATA } from '../../shared/personal-data';
import { UPCASTERS } from '../../shared/upcasters';
import { AppConfig } from '../../../shared/config/app-config';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
import { PinoLoggerService } from '../../../shared/observability/pino-logger.service';
import { sdkLoggerOver } from '../../../shared/observability/sdk-logger';

/** The events as PostgreSQL stores them: personal fields encrypted, each event at the schema version it was written in. */
const STORED_EVENTS = Symbol('STORED_EVENTS');
const SUBJECT_KEYS = Symbol('SUBJECT_KEYS');
/** The layer that encrypts and decrypts personal data: what an erasure erases a subject's key through. */
export const PERSONAL_DATA_EVENT_STORE = Symbol('PERSONAL_DATA_EVENT_STORE');
/** What every read and write of the app goes through (the SDK's EVENT_STORE). */
export const APP_EVENT_STORE = Symbol('APP_EVENT_STORE');

/**
 * The app's event store, outermost first: events lifted to their newest shape (UPCASTERS), then
 * personal data encrypted under its subject's key (PERSONAL_DATA), then PostgreSQL. Every read
 * path (command handlers, subscriptions and their rebuilds, the CLI, the export) goes through it,
 * so upcasters always see plaintext or the erased marker, never ciphertext (ADR 0020).
 */
@Module({
  providers: [
    {
      provide: STORED_EVENTS,
      inject: [SQL_CLIENT, PinoLoggerService],
      useFactory: (sqlClient: SqlClient, logger: PinoLoggerService) => new PostgresEventStore(sqlClient, sdkLoggerOver(logger.pino)),
    },
    {
      provide: SUBJECT_KEYS,
      inject: [SQL_CLIENT, PinoLoggerService, AppConfig],
      useFactory: (sqlClient: SqlClient, logger: PinoLoggerService, config: AppConfig) =>
        new PostgresSubjectKeyStore(sqlClient, { masterKey: config.personalDataMasterKey, logger: sdkLoggerOver(logger.pino) }),
    },
    {
      provide: PERSONAL_DATA_EVENT_STORE,
      inject: [STORED_EVENTS, SUBJECT_KEYS],
      useFactory: (stored: EventStore, keys: PostgresSubjectKeyStore) => new PersonalDataEventStore(stored, { declarations: PERSONAL_DATA, keys }),
    },
    {
      provide: APP_EVENT_STORE,
      inject: [PERSONAL_DATA_EVENT_STORE],
      useFactory: (personalData: EventStore) => new UpcastingEventStore(personalData, UPCASTERS),
    },
  ],
  exports: [PERSONAL_DATA_EVENT_STORE, APP_EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(STORED_EVENTS) private readonly stored: PostgresEventStore,
    @Inject(SUBJECT_KEYS) private readonly keys: PostgresSubjectKeyStore,
  ) {}

  /** Each holds a LISTEN session outside the pool: appends, and erasures by other processes. */
  async onApplicationShutdown(): Promise<void> {
    await this.stored.close();
    await this.keys.close();
  }
}
