import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { NO_STREAM } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { eventStoreContract } from '../testing/event-store-contract';
import { pgliteTestEventStore } from '../testing/postgres/test-event-store.fixture';
import { migrateEventStore } from './migrations';
import { pgliteSqlClient } from './pglite-sql-client';
import { PostgresEventStore } from './postgres-event-store';

eventStoreContract('PGlite', pgliteTestEventStore);

describe('PGlite persisted in a directory', () => {
  it('given a database migrated and closed, when opened again, then migrating again applies nothing and keeps the events', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'pglite-reopen-'));
    try {
      const first = new PGlite(directory);
      await migrateEventStore(pgliteSqlClient(first));
      await new PostgresEventStore(pgliteSqlClient(first)).appendToStream(StreamName.of('Kept', '1'), [event()], { expectedVersion: NO_STREAM });
      await first.close();

      const second = new PGlite(directory);
      expect(await migrateEventStore(pgliteSqlClient(second))).toEqual([]);
      expect((await new PostgresEventStore(pgliteSqlClient(second)).readStream(StreamName.of('Kept', '1'))).currentVersion).toBe(1);
      await second.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

function event() {
  return { type: 'Kept', data: {}, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'c' }, occurredAt: new Date() } as const;
}
