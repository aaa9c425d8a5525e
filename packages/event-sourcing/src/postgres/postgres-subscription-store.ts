import { CheckpointMovedError, ParkedEventNotFoundError } from '../core/errors';
import type { ApplicationEvent, LogPosition } from '../core/events';
import { silentLogger, type SdkLogger } from '../core/logger';
import type {
  FailureRecord,
  ParkedEvent,
  ParkedEventResolution,
  PersistedSubscriptionState,
  StoredSubscription,
  SubscriptionInstance,
  SubscriptionLease,
  SubscriptionStore,
} from '../subscriptions/subscription-store';
import type { RebuildTables } from '../subscriptions/rebuild-tables';
import { isConnectionFailure, translateDriverError, translatingDriverErrors } from './database-errors';
import { toLogPosition, type LogPositionRow } from './event-store-statements';
import { LEASE_LOCK_NAMESPACE } from './lease-lock';
import { PostgresRebuildTables, quoteIdentifier } from './postgres-rebuild-tables';
import type { OpeningStatement, SqlClient, SqlExecutor, SqlSession, TransactionOptions } from './sql-client';

/** An instance's announcement is deleted once this many liveness windows old. */
const STALE_ANNOUNCEMENT_LIVENESS_PERIODS = 12;

type SubscriptionRow = {
  subscription_id: string;
  transaction_id: string;
  global_position: string;
  state: PersistedSubscriptionState;
  last_error: (Omit<FailureRecord, 'globalPosition' | 'failedAt'> & { globalPosition: string; failedAt: string }) | null;
  parked_events: number;
  updated_at: Date | string;
};

type ParkedEventRow = LogPositionRow & {
  event_id: string;
  event_type: string;
  stream_name: string;
  error: string;
  attempts: number;
  parked_at: Date | string;
};

const PARKED_EVENT_COLUMNS = `event_id, event_type, stream_name, transaction_id::text AS transaction_id,
  global_position::text AS global_position, error, attempts, parked_at`;

export type PostgresSubscriptionStoreOptions = Readonly<{
  /** Aborts a handler's statement that runs longer than this (PostgreSQL server only). */
  statementTimeoutMs?: number;
  /**
   * Whether a checkpoint's transaction waits for its WAL flush before it counts as committed
   * (default false). Not needed: the event log is durable on its own, and a checkpoint commits
   * with what its handlers wrote, so a crash that loses the last such commits loses both
   * together and the subscription handles those events again. Waiting would only slow every page.
   */
  synchronousCheckpoints?: boolean;
  /**
   * A schema searched first for the unqualified table names of handlers' statements: a
   * blue/green rebuild's store writes its read model into copies there (see `RebuildTables`).
   */
  tableSchema?: string;
}>;

/**
 * Checkpoints in `es_subscriptions`. Handlers get the transaction that moves the checkpoint, so a
 * read model and its position commit together. Runners are elected with session advisory locks
 * held on one connection per process: when a process dies its locks go with its connection.
 */
export class PostgresSubscriptionStore implements SubscriptionStore<SqlExecutor> {
  readonly transactional = true;
  private lockSession: Promise<SqlSession> | null = null;
  /** Lock statements share one connection: run them one at a time, as a connection requires. */
  private lockStatements: Promise<unknown> = Promise.resolve();
  private readonly heldLeases = new Map<string, { lost: boolean }>();
  private readonly checkpointTransaction: TransactionOptions;
  private readonly tableSchema: string | undefined;
  /** Blue/green rebuilds; absent on PGlite, whose one connection cannot hold the switch open while a rebuild commits. */
  readonly rebuildTables: RebuildTables<SqlExecutor> | undefined;

  constructor(
    private readonly client: SqlClient,
    private readonly logger: SdkLogger = silentLogger,
    private readonly options: PostgresSubscriptionStoreOptions = {},
  ) {
    this.checkpointTransaction = { localSettings: checkpointTransactionSettings(client.dialect, options) };
    this.tableSchema = options.tableSchema;
    this.rebuildTables =
      client.dialect === 'postgres' && !options.tableSchema
        ? new PostgresRebuildTables(client, (tableSchema) => new PostgresSubscriptionStore(client, logger, { ...this.options, tableSchema }))
        : undefined;
  }

  isUnavailable(error: unknown): boolean {
    return isConnectionFailure(error);
  }

  async tryAcquire(subscriptionId: string): Promise<SubscriptionLease | null> {
    const session = await this.session();
    const { rows } = await this.onLockSession(() =>
      session.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS acquired', [LEASE_LOCK_NAMESPACE, subscriptionId]),
    );
    if (!rows[0]?.acquired) return null;
    const lease = { lost: false };
    this.heldLeases.set(subscriptionId, lease);
    return {
      isHeld: () => !lease.lost,
      release: async () => {
        if (this.heldLeases.get(subscriptionId) !== lease) return;
        this.heldLeases.delete(subscriptionId);
        if (lease.lost) return;
        lease.lost = true;
        await this.onLockSession(() =>
          session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LEASE_LOCK_NAMESPACE, subscriptionId]),
        ).catch(() => undefined);
      },
    };
  }

  async initialize(
    subscriptionId: string,
    onInitialPosition: (tx: SqlExecutor) => Promise<void>,
    group: readonly string[] = [subscriptionId],
  ): Promise<LogPosition> {
    return translatingDriverErrors(() =>
      this.transaction(async (tx) => {
        const existing = await this.checkpointOf(tx, subscriptionId);
        if (existing) return existing;
        // The group's rows are inserted in one statement, in one order: a second process creating
        // them at the same time waits on the first row, then finds them all and leaves them.
        const created = await tx.query(
          `INSERT INTO es_subscriptions (subscription_id) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT (subscription_id) DO NOTHING`,
          [[...group]],
        );
        if (created.rowCount > 0) await onInitialPosition(tx);
        return (await this.checkpointOf(tx, subscriptionId))!;
      }),
    );
  }

  /** The stored checkpoint, read without waiting for a partition's commit in progress on it. */
  private async checkpointOf(tx: SqlExecutor, subscriptionId: string): Promise<LogPosition | null> {
    const { rows } = await tx.query<LogPositionRow>(
      'SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM es_subscriptions WHERE subscription_id = $1',
      [subscriptionId],
    );
    return rows[0] ? toLogPosition(rows[0]) : null;
  }

  async commit(subscriptionId: string, from: LogPosition, to: LogPosition, work: (tx: SqlExecutor) => Promise<void>): Promise<void> {
    await translatingDriverErrors(() =>
      // Moving the checkpoint first locks its row: a second runner waits there, then fails the compare.
      this.transaction(work, { ...this.checkpointTransaction, opening: [checkpointMove(subscriptionId, from, to)] }),
    );
  }

  async withoutTransaction(work: (tx: SqlExecutor) => Promise<void>): Promise<void> {
    await work(this.client);
  }

  async park(subscriptionId: string, from: LogPosition, event: ApplicationEvent, failure: FailureRecord): Promise<void> {
    await translatingDriverErrors(() =>
      this.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO es_parked_events (subscription_id, event_id, transaction_id, global_position, stream_name, event_type, error, attempts)
           VALUES ($1, $2, $3::xid8, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [
            subscriptionId,
            event.id,
            event.transactionId.toString(),
            event.globalPosition.toString(),
            event.streamName,
            event.type,
            failure.message,
            failure.attempts,
          ],
        );
        await tx.query('UPDATE es_subscriptions SET last_error = $2 WHERE subscription_id = $1', [subscriptionId, serializeFailure(failure)]);
      }, { opening: [checkpointMove(subscriptionId, from, { transactionId: event.transactionId, globalPosition: event.globalPosition })] }),
    );
  }

  async recordState(subscriptionId: string, state: PersistedSubscriptionState, lastError: FailureRecord | null): Promise<void> {
    await translatingDriverErrors(() =>
      this.client.query('UPDATE es_subscriptions SET state = $2, last_error = $3, updated_at = now() WHERE subscription_id = $1', [
        subscriptionId,
        state,
        lastError ? serializeFailure(lastError) : null,
      ]),
    );
  }

  async find(subscriptionId: string): Promise<StoredSubscription | null> {
    const rows = await this.select('WHERE s.subscription_id = $1', [subscriptionId]);
    return rows[0] ?? null;
  }

  async list(): Promise<StoredSubscription[]> {
    return this.select('', []);
  }

  async listParked(subscriptionId: string): Promise<ParkedEvent[]> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<ParkedEventRow>(
        `SELECT ${PARKED_EVENT_COLUMNS} FROM es_parked_events p
         WHERE p.subscription_id = $1 AND p.resolution IS NULL ORDER BY p.transaction_id, p.global_position`,
        [subscriptionId],
      ),
    );
    return rows.map(toParkedEvent);
  }

  async resolveParked(
    subscriptionId: string,
    eventId: string,
    resolution: ParkedEventResolution,
    work: (tx: SqlExecutor) => Promise<void>,
  ): Promise<void> {
    await translatingDriverErrors(() =>
      this.transaction(async (tx) => {
        // Resolving first locks the row: a second replay of the same event waits here, then finds it resolved.
        const resolved = await tx.query(
          `UPDATE es_parked_events SET resolution = $3, resolved_at = now()
           WHERE subscription_id = $1 AND event_id = $2 AND resolution IS NULL`,
          [subscriptionId, eventId, resolution],
        );
        if (resolved.rowCount === 0) throw new ParkedEventNotFoundError(subscriptionId, eventId);
        await work(tx);
      }, this.checkpointTransaction),
    );
  }

  async recordParkedFailure(subscriptionId: string, eventId: string, error: string): Promise<ParkedEvent> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<ParkedEventRow>(
        `UPDATE es_parked_events SET error = $3, attempts = attempts + 1, parked_at = now()
         WHERE subscription_id = $1 AND event_id = $2 AND resolution IS NULL RETURNING ${PARKED_EVENT_COLUMNS}`,
        [subscriptionId, eventId, error],
      ),
    );
    if (!rows[0]) throw new ParkedEventNotFoundError(subscriptionId, eventId);
    return toParkedEvent(rows[0]);
  }

  async reset(...subscriptionIds: string[]): Promise<void> {
    await translatingDriverErrors(() =>
      this.client.transaction(async (tx) => {
        await tx.query('DELETE FROM es_parked_events WHERE subscription_id = ANY($1::text[])', [subscriptionIds]);
        await tx.query('DELETE FROM es_subscriptions WHERE subscription_id = ANY($1::text[])', [subscriptionIds]);
      }),
    );
  }

  /**
   * Liveness is judged by the server's clock alone, so instances whose clocks drift still agree.
   * Rows of instances gone for much longer than that (killed, never withdrawn) are deleted on the way.
   */
  async announce(subscriptionId: string, instance: SubscriptionInstance, livenessMs: number): Promise<SubscriptionInstance[]> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<{ instance_id: string; held_partitions: number }>(
        `WITH pruned AS (
           DELETE FROM es_subscription_instances WHERE subscription_id = $1 AND announced_at < now() - $4 * ${STALE_ANNOUNCEMENT_LIVENESS_PERIODS} * interval '1 millisecond'),
         announced AS (
           INSERT INTO es_subscription_instances (subscription_id, instance_id, held_partitions) VALUES ($1, $2, $3)
           ON CONFLICT (subscription_id, instance_id) DO UPDATE SET held_partitions = excluded.held_partitions, announced_at = now()
           RETURNING instance_id, held_partitions)
         SELECT instance_id, held_partitions FROM announced
         UNION ALL
         SELECT instance_id, held_partitions FROM es_subscription_instances
         WHERE subscription_id = $1 AND instance_id <> $2 AND announced_at > now() - $4 * interval '1 millisecond'`,
        [subscriptionId, instance.instanceId, instance.heldPartitions, livenessMs],
      ),
    );
    return rows.map((row) => ({ instanceId: row.instance_id, heldPartitions: row.held_partitions }));
  }

  async withdraw(subscriptionId: string, instanceId: string): Promise<void> {
    await translatingDriverErrors(() =>
      this.client.query('DELETE FROM es_subscription_instances WHERE subscription_id = $1 AND instance_id = $2', [subscriptionId, instanceId]),
    );
  }

  async close(): Promise<void> {
    const session = this.lockSession;
    this.lockSession = null;
    this.heldLeases.forEach((lease) => (lease.lost = true));
    this.heldLeases.clear();
    if (session) await (await session.catch(() => null))?.release();
  }

  /** A transaction of the client's in which unqualified table names resolve to `tableSchema` first, if set. */
  private transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const { tableSchema } = this;
    if (!tableSchema) return this.client.transaction(work, options);
    // SET LOCAL would take a quoted list as one schema name; set_config parses it.
    const searchPath = { text: "SELECT set_config('search_path', $1 || ', ' || current_setting('search_path'), true)", params: [quoteIdentifier(tableSchema)] };
    return this.client.transaction(work, { ...options, opening: [searchPath, ...(options.opening ?? [])] });
  }

  private onLockSession<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.lockStatements.then(statement, statement);
    this.lockStatements = result.catch(() => undefined);
    return result;
  }

  private async select(where: string, params: unknown[]): Promise<StoredSubscription[]> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<SubscriptionRow>(
        `SELECT s.subscription_id, s.transaction_id::text AS transaction_id, s.global_position::text AS global_position, s.state,
                s.last_error, s.updated_at,
                (SELECT count(*)::integer FROM es_parked_events p WHERE p.subscription_id = s.subscription_id AND p.resolution IS NULL) AS parked_events
         FROM es_subscriptions s ${where} ORDER BY s.subscription_id`,
        params,
      ),
    );
    return rows.map((row) => ({
      subscriptionId: row.subscription_id,
      position: toLogPosition(row),
      state: row.state,
      lastError: row.last_error
        ? { ...row.last_error, globalPosition: BigInt(row.last_error.globalPosition), failedAt: new Date(row.last_error.failedAt) }
        : null,
      parkedEvents: row.parked_events,
      updatedAt: new Date(row.updated_at),
    }));
  }

  /** One connection per process holds every lease; losing it loses them all. */
  private session(): Promise<SqlSession> {
    this.lockSession ??= this.client.openSession().then(
      (session) => {
        session.onLost((error) => {
          this.logger.warn('Lost the subscription lock session; leases released', { error: error.message });
          this.heldLeases.forEach((lease) => (lease.lost = true));
          this.heldLeases.clear();
          this.lockSession = null;
        });
        return session;
      },
      (error: unknown) => {
        this.lockSession = null;
        throw translateDriverError(error);
      },
    );
    return this.lockSession;
  }
}

/** Moves a checkpoint from where its runner last left it, or fails the transaction: another runner moved it. */
function checkpointMove(subscriptionId: string, from: LogPosition, to: LogPosition): OpeningStatement {
  return {
    text: `UPDATE es_subscriptions SET transaction_id = $2::xid8, global_position = $3, state = 'active', updated_at = now()
           WHERE subscription_id = $1 AND transaction_id = $4::xid8 AND global_position = $5`,
    params: [subscriptionId, to.transactionId.toString(), to.globalPosition.toString(), from.transactionId.toString(), from.globalPosition.toString()],
    // Once per page of every subscription: worth keeping parsed and planned.
    options: { preparedAs: 'es_move_checkpoint' },
    check: ({ rowCount }) => {
      if (rowCount === 0) throw new CheckpointMovedError(subscriptionId);
    },
  };
}

function checkpointTransactionSettings(
  dialect: SqlClient['dialect'],
  { statementTimeoutMs, synchronousCheckpoints = false }: PostgresSubscriptionStoreOptions,
): Record<string, string> {
  const settings: Record<string, string> = {};
  if (!synchronousCheckpoints) settings.synchronous_commit = 'off';
  // A timeout guards a shared server's connections and locks; embedded PGlite serves this process alone.
  if (statementTimeoutMs && dialect === 'postgres') settings.statement_timeout = String(Math.floor(statementTimeoutMs));
  return settings;
}

function toParkedEvent(row: ParkedEventRow): ParkedEvent {
  return {
    eventId: row.event_id,
    eventType: row.event_type,
    streamName: row.stream_name,
    position: toLogPosition(row),
    error: row.error,
    attempts: row.attempts,
    failedAt: new Date(row.parked_at),
  };
}

function serializeFailure(failure: FailureRecord): string {
  return JSON.stringify({ ...failure, globalPosition: failure.globalPosition.toString(), failedAt: failure.failedAt.toISOString() });
}
