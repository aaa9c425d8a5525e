import { HttpException } from '@nestjs/common';
import type { SqlClient } from '@coderscamp/event-sourcing/postgres';
import type { FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../test/support/read-model-test-database';
import { sqlClientOf } from '../database/database-connection';
import { closeDatabaseConnection, openDatabaseConnection } from '../database/open-database-connection';
import { runReadModelMigrations } from '../database/read-model-migration.runner';
import type { RateLimitPolicy } from './rate-limit-policy';
import { RateLimits } from './rate-limits';

const POLICY: RateLimitPolicy = { name: 'tries', limit: 2, windowSeconds: 60, code: 'TOO_MANY_TRIES', message: 'Too many tries' };

/** Collects the headers a controller's reply would carry. */
function replyRecorder() {
  const headers: Record<string, string> = {};
  const reply = {
    header: (name: string, value: string) => Object.assign(headers, { [name]: value }) && reply,
    headers: (values: Record<string, string>) => Object.assign(headers, values) && reply,
  };
  return { reply: reply as unknown as FastifyReply, headers };
}

async function refusal(work: Promise<unknown>): Promise<HttpException> {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof HttpException)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return error;
}

type Store = Readonly<{ sqlClient: SqlClient; close(): Promise<void> }>;

const stores: Record<string, () => Promise<Store>> = {
  PostgreSQL: async () => {
    const database: ReadModelTestDatabase = await createReadModelTestDatabase();
    return { sqlClient: database.sqlClient, close: () => database.drop() };
  },
  // rate-limiter-flexible supports pg clients only; the app's SqlClient adapter is what lets it run on PGlite.
  'PGlite (embedded)': async () => {
    const connection = await openDatabaseConnection({ kind: 'pglite', dataDir: 'memory://' });
    await runReadModelMigrations(sqlClientOf(connection));
    return { sqlClient: sqlClientOf(connection), close: () => closeDatabaseConnection(connection) };
  },
};

describe.each(Object.keys(stores))('rate limits on %s', (storeName) => {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await stores[storeName]!();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('given the limit was used up, when one more is consumed, then 429 with the code, Retry-After and RateLimit-* headers; other subjects are unaffected', async () => {
    const limits = new RateLimits(store!.sqlClient);
    const first = replyRecorder();
    await limits.consume(POLICY, 'jan', first.reply);
    await limits.consume(POLICY, 'jan', replyRecorder().reply);
    const refused = replyRecorder();
    const error = await refusal(limits.consume(POLICY, 'jan', refused.reply));
    const other = replyRecorder();
    await limits.consume(POLICY, 'ada', other.reply);
    limits.onApplicationShutdown();

    expect(first.headers).toEqual({ 'RateLimit-Limit': '2', 'RateLimit-Remaining': '1', 'RateLimit-Reset': '60' });
    expect(error.getStatus()).toBe(429);
    expect(error.getResponse()).toEqual({ code: 'TOO_MANY_TRIES', message: 'Too many tries' });
    expect(refused.headers).toMatchObject({ 'RateLimit-Limit': '2', 'RateLimit-Remaining': '0', 'Retry-After': '60' });
    expect(other.headers['RateLimit-Remaining']).toBe('1');
  });

  it('given the limit was used up, when it is reset, then the subject starts afresh; giving one back frees one', async () => {
    const limits = new RateLimits(store!.sqlClient);
    await limits.consume(POLICY, 'grace', replyRecorder().reply);
    await limits.consume(POLICY, 'grace', replyRecorder().reply);
    await limits.reset(POLICY, 'grace', replyRecorder().reply);
    await limits.consume(POLICY, 'grace', replyRecorder().reply);
    await limits.giveBack(POLICY, 'grace');
    const afresh = replyRecorder();
    await limits.consume(POLICY, 'grace', afresh.reply);
    limits.onApplicationShutdown();

    expect(afresh.headers['RateLimit-Remaining']).toBe('1');
  });
});
