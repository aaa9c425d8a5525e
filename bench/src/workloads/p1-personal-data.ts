import { randomUUID } from 'node:crypto';
import {
  NO_STREAM,
  PersonalDataEventStore,
  personalData,
  StreamName,
  type DomainEvent,
  type EventStore,
  type EventToAppend,
} from '@coderscamp/event-sourcing';
import { compareLogPositions, LOG_START } from '@coderscamp/event-sourcing/adapters';
import { migrateEventStore, pgSqlClient, PostgresEventStore, PostgresSubjectKeyStore } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import { ErrorLog, runConcurrently } from '../measure/concurrency';
import type { LatencyRecorder } from '../measure/latency-recorder';
import { taskCompleted, type TaskCompleted } from './fixtures';
import { CONTENDERS, type Contender, type PreparedRun, type Workload } from './workload';

const WRITERS = 4;
const EVENTS_PER_APPEND = 10;
const PAGE_SIZE = 1_000;
/** Subjects the personal events spread over: each one's key is made once, then served from the cache. */
const SUBJECTS = 100;

type ProfileUpdated = DomainEvent<'ProfileUpdated', { userId: string; email: string; name: string; n: number }>;

/** Declared in both variants: the decorator pays for a declaration list whether or not an event matches it. */
const DECLARATIONS = [personalData<ProfileUpdated>('ProfileUpdated', { subjectOf: (event) => event.data.userId, fields: ['email', 'name'] })];

type Variant = 'none' | 'personal';

/**
 * P1: events appended by concurrent writers, then read back from the log's start page by page,
 * through the crypto-shredding decorator (`PersonalDataEventStore` over `PostgresEventStore`, keys
 * in `PostgresSubjectKeyStore`). The ceiling is the bare `PostgresEventStore` doing the same with
 * the same events, so the ratio is what the decorator costs: for events without personal data it
 * must be next to nothing; for events with two personal fields, AES-GCM and the key look-ups.
 */
export function personalDataRoundTrip(variant: Variant): Workload {
  return {
    id: variant === 'none' ? 'P1-none' : 'P1-personal',
    title:
      variant === 'none'
        ? 'append + read back, events without personal data: crypto-shredding decorator vs bare store'
        : `append + read back, events with 2 personal fields of ${SUBJECTS} subjects: crypto-shredding decorator vs bare store`,
    unit: 'events/s',
    latencyOf: `one append of ${EVENTS_PER_APPEND} events or one read of ${PAGE_SIZE}`,
    // With personal data the ratio is reported; its floor only catches a regression (each field is encrypted once and decrypted once).
    target: { kind: 'percentOfCeiling', percent: variant === 'none' ? 90 : 30 },
    contenders: CONTENDERS,
    prepare: async (contender, { pool }, sizes) => prepare(contender, variant, pool, sizes.personalDataEvents),
  };
}

function eventFor(variant: Variant, n: number): EventToAppend<TaskCompleted | ProfileUpdated> {
  if (variant === 'none') return taskCompleted(n);
  const userId = `user-${n % SUBJECTS}`;
  return {
    type: 'ProfileUpdated',
    data: { userId, email: emailOf(n), name: `Name ${n}`, n },
    id: randomUUID(),
    metadata: { correlationId: randomUUID(), causationId: randomUUID() },
    occurredAt: new Date(),
  };
}

const emailOf = (n: number) => `user-${n}@example.com`;

async function prepare(contender: Contender, variant: Variant, pool: Pool, events: number): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  await migrateEventStore(client);
  const bare = new PostgresEventStore(client);
  const keys = new PostgresSubjectKeyStore(client);
  const store: EventStore = contender === 'ours' ? new PersonalDataEventStore(bare, { declarations: DECLARATIONS, keys }) : bare;
  // Built before the clock starts: the payloads are input, not work.
  const batches = Array.from({ length: Math.ceil(events / EVENTS_PER_APPEND) }, (_, index) =>
    Array.from({ length: Math.min(EVENTS_PER_APPEND, events - index * EVENTS_PER_APPEND) }, (_, offset) =>
      eventFor(variant, index * EVENTS_PER_APPEND + offset),
    ),
  );
  const seen: number[] = [];
  const misread: number[] = [];
  return {
    execute: async (latencies, errors) => {
      const started = performance.now();
      await runConcurrently(
        WRITERS,
        batches.length,
        (index) => latencies.time(() => store.appendToStream(StreamName.of('Profile', `w5-${index}`), batches[index]!, { expectedVersion: NO_STREAM })),
        errors,
      );
      await readBack(store, latencies, (data) => {
        seen.push(data.n);
        if (variant === 'personal' && data.email !== emailOf(data.n)) misread.push(data.n);
      });
      return { units: events, elapsedMs: performance.now() - started };
    },
    verify: async (errors) => {
      const { rows } = await pool.query<{ stored: number }>('SELECT count(*)::integer AS stored FROM es_events');
      errors.check(rows[0]!.stored === events, `stored ${rows[0]!.stored} events, expected ${events}`);
      errors.check(seen.length === events, `read back ${seen.length} events, expected ${events}`);
      errors.check(new Set(seen).size === seen.length, 'some events were read back twice');
      errors.check(misread.length === 0, `${misread.length} events read back with the wrong email`);
      if (contender === 'ours' && variant === 'personal') await checkNoPlaintext(pool, errors);
    },
    close: async () => {
      await keys.close();
      await bare.close();
    },
  };
}

/**
 * The whole log from its start, a page at a time, as a subscription catching up reads it, up to
 * its end as it is now: a transaction open elsewhere on the server may hold pages back for a while.
 */
async function readBack(store: EventStore, latencies: LatencyRecorder, onEvent: (data: { n: number; email?: string }) => void): Promise<void> {
  const end = await store.endOfLog();
  for (let after = LOG_START; compareLogPositions(after, end) < 0; ) {
    const page = await latencies.time(() => store.readAll({ after, limit: PAGE_SIZE }));
    page.events.forEach((event) => onEvent(event.data as { n: number; email?: string }));
    after = page.lastScannedPosition;
  }
}

/** What the decorator stored holds none of the emails it was given. */
async function checkNoPlaintext(pool: Pool, errors: ErrorLog): Promise<void> {
  const { rows } = await pool.query<{ plaintext: number }>("SELECT count(*)::integer AS plaintext FROM es_events WHERE data::text LIKE '%@example.com%'");
  errors.check(rows[0]!.plaintext === 0, `${rows[0]!.plaintext} stored events hold an email in plaintext`);
}
