import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from './commands';
import { runCli } from './run-cli';

describe('command line', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'cli' });
  });
  afterAll(() => database.drop());

  async function cli(...argv: string[]): Promise<{ exitCode: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const exitCode = await runCli(
      argv,
      CLI_COMMANDS,
      { out: (text) => (out += `${text}\n`), err: (text) => (err += text) },
      { DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    );
    return { exitCode, out, err };
  }

  it('migrates the database and lists both schemas', async () => {
    const { exitCode, out } = await cli('migrate');
    expect(exitCode).toBe(0);
    expect(out).toContain('Event store schema: 1 event-store, 2 subscriptions');
  });

  it("prints a stream's events as JSON lines", async () => {
    const id = randomUUID();
    await database.pool.query(
      `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
       VALUES ($1, $2, 'Probe', 1, 'ProbeWasSent', '{"n":1}', '{"correlationId":"c","causationId":"x"}', '2026-01-01T00:00:00Z')`,
      [id, `Probe_${id}`],
    );
    const { exitCode, out, err } = await cli('stream', `Probe_${id}`);
    expect(exitCode).toBe(0);
    expect(JSON.parse(out.trim())).toMatchObject({ version: 1, type: 'ProbeWasSent', data: { n: 1 }, occurredAt: '2026-01-01T00:00:00.000Z' });
    expect(err).toContain('1 events, version 1');
  });

  it('lists subscriptions with a header even when none ran yet', async () => {
    const { exitCode, out } = await cli('subscriptions');
    expect(exitCode).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^SUBSCRIPTION\s+STATE\s+POSITION\s+LAG/);
  });

  it('rebuilds a read model from the first event and reports how many it replayed', async () => {
    await cli('migrate');
    const userId = randomUUID();
    await database.pool.query(
      `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
       VALUES ($1, $2, 'UserRegistration', 1, 'UserRegistrationWasCompleted', $3, '{"correlationId":"c","causationId":"x"}', now())`,
      [randomUUID(), `UserRegistration_${userId}`, { userId, fullName: 'Ada Lovelace', emailAddress: 'ada@example.com', hashedPassword: 'x' }],
    );
    await database.pool.query(
      `INSERT INTO user_profiles (user_id, full_name, email_address, registered_at) VALUES ('stale', 'Stale', 'stale@example.com', now())`,
    );

    const { exitCode, out, err } = await cli('rebuild', 'UserProfileReadModel_v1');

    expect(exitCode).toBe(0);
    expect(out).toMatch(/^Rebuilt UserProfileReadModel_v1 from 2 events in/);
    expect(err).toContain('100% 2/2 events');
    const { rows } = await database.pool.query('SELECT user_id, full_name FROM user_profiles');
    expect(rows).toEqual([{ user_id: userId, full_name: 'Ada Lovelace' }]);
    expect((await cli('subscriptions')).out).toMatch(/UserProfileReadModel_v1\s+active\s+\d+\s+0\s/);
  });

  it('rebuilds a read model run as partitions beside the serving one and switches it in', async () => {
    await cli('migrate');
    const courseIds = Array.from({ length: 6 }, () => randomUUID());
    for (const courseId of courseIds) {
      await database.pool.query(
        `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
         VALUES ($1, $2, 'Course', 1, 'CourseWasCreated', $3, '{"correlationId":"c","causationId":"x"}', now())`,
        [randomUUID(), `Course_${courseId}`, { courseId, name: 'Rebuilt', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' }],
      );
    }
    await database.pool.query("INSERT INTO courses (course_id, name, starts_at, ends_at) VALUES ('stale', 'Stale', now(), now())");

    const partitioned = { DATABASE_URL: database.url, LOG_LEVEL: 'silent', COURSES_READ_MODEL_PARTITIONS: '3' };
    let out = '';
    const exitCode = await runCli(['rebuild', 'CoursesReadModel_v1'], CLI_COMMANDS, { out: (text) => (out += text), err: () => undefined }, partitioned);

    expect(exitCode).toBe(0);
    expect(out).toMatch(/^Rebuilt CoursesReadModel_v1 from \d+ events in .* and switched it in/);
    const { rows } = await database.pool.query<{ course_id: string }>('SELECT course_id FROM courses ORDER BY course_id');
    expect(rows.map((row) => row.course_id)).toEqual([...courseIds].sort());
  });

  it('refuses an unknown command or subscription with a usage message and a non-zero code', async () => {
    const unknown = await cli('explode');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.err).toContain('Unknown command "explode"');
    expect(unknown.err).toContain('rebuild <subscription-id>');

    const rebuild = await cli('rebuild', 'NoSuchSubscription_v1');
    expect(rebuild.exitCode).toBe(2);
    expect(rebuild.err).toContain('Unknown subscription "NoSuchSubscription_v1"');
  });
});

describe('command line rebuild without a running instance', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'cli_rebuild' });
  });
  afterAll(() => database.drop());

  const rebuild = (subscriptionId: string) =>
    runCli(['rebuild', subscriptionId], CLI_COMMANDS, { out: () => undefined, err: () => undefined }, { DATABASE_URL: database.url, LOG_LEVEL: 'silent' });

  // A starting subscription is in standby until its first try for the lease; that is no other instance.
  it('given no instance runs the subscription, when rebuilding twice in a row, then this process replays every event each time', async () => {
    const userId = randomUUID();
    await runCli(['migrate'], CLI_COMMANDS, { out: () => undefined, err: () => undefined }, { DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    await database.pool.query(
      `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
       VALUES ($1, $2, 'UserRegistration', 1, 'UserRegistrationWasCompleted', $3, '{"correlationId":"c","causationId":"x"}', now())`,
      [randomUUID(), `UserRegistration_${userId}`, { userId, fullName: 'Ada Lovelace', emailAddress: 'ada@example.com', hashedPassword: 'x' }],
    );
    const profiles = async () => (await database.pool.query('SELECT user_id FROM user_profiles')).rows;

    for (let round = 0; round < 2; round++) {
      expect(await rebuild('UserProfileReadModel_v1')).toBe(0);
      expect(await profiles()).toEqual([{ user_id: userId }]);
    }
  });

  it('given an event that an older transaction still open hides from reads, when rebuilding, then the rebuild waits for it and replays it', async () => {
    const userId = randomUUID();
    const older = await database.pool.connect();
    try {
      // An id taken first, so the event's transaction is younger: reads hide it until this one ends.
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      await database.pool.query(
        `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
         VALUES ($1, $2, 'UserRegistration', 1, 'UserRegistrationWasCompleted', $3, '{"correlationId":"c","causationId":"x"}', now())`,
        [randomUUID(), `UserRegistration_${userId}`, { userId, fullName: 'Grace Hopper', emailAddress: 'grace@example.com', hashedPassword: 'x' }],
      );
      const rebuilt = rebuild('UserProfileReadModel_v1');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await older.query('COMMIT');
      expect(await rebuilt).toBe(0);
    } finally {
      older.release();
    }
    expect((await database.pool.query('SELECT user_id FROM user_profiles WHERE user_id = $1', [userId])).rows).toEqual([{ user_id: userId }]);
  });
});
