import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { courses } from '../shared/courses.table';
import { CoursesReadModule } from './courses.read-module';

const created = (courseId: string, startsAt: string) => ({
  type: 'CourseWasCreated',
  data: { courseId, name: `Course ${courseId}`, startsAt, endsAt: '2099-01-01T00:00:00.000Z' },
});
const rows = (spec: ProjectionSpecification) => spec.thenRows('SELECT course_id, name, starts_at, ends_at FROM courses ORDER BY course_id');

describe('courses projection', () => {
  let db: ReadModelTestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    db = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [db.platformModule(), CoursesReadModule], sqlClient: db.sqlClient });
  });
  const tableOid = async () => (await db.database.pool.query<{ oid: string }>("SELECT 'courses'::regclass::oid::text AS oid")).rows[0]!.oid;

  afterAll(async () => {
    await spec.close();
    await db.drop();
  });

  it('given created courses, then one row each with its dates; redelivery and rebuild change nothing', async () => {
    await spec.givenEvents('Course_c1', [created('c1', '2025-01-01T00:00:00.000Z')]);
    await spec.givenEvents('Course_c2', [created('c2', '2026-01-01T00:00:00.000Z')]);

    const expected = [
      { course_id: 'c1', name: 'Course c1', starts_at: new Date('2025-01-01T00:00:00Z'), ends_at: new Date('2099-01-01T00:00:00Z') },
      { course_id: 'c2', name: 'Course c2', starts_at: new Date('2026-01-01T00:00:00Z'), ends_at: new Date('2099-01-01T00:00:00Z') },
    ];
    expect(await rows(spec)).toEqual(expected);

    await spec.redeliverLastGiven();
    expect(await rows(spec)).toEqual(expected);
    await spec.rebuild();
    expect(await rows(spec)).toEqual(expected);
  });

  it('given a query Drizzle prepared by name on the read path before a rebuild, then after the switch it reads the rebuilt table', async () => {
    await spec.givenEvents('Course_c3', [created('c3', '2027-01-01T00:00:00.000Z')]);
    // One connection, so the second execution reuses the statement the first prepared there.
    const connection = new Client({ connectionString: db.database.url });
    await connection.connect();
    try {
      const listed = drizzle(connection).select({ courseId: courses.courseId }).from(courses).orderBy(courses.courseId).prepare('courses_listed');
      // A row no event stands for: only the rebuilt table lacks it.
      await db.database.pool.query("INSERT INTO courses (course_id, name, starts_at, ends_at) VALUES ('stale', 'Not from any event', now(), now())");
      expect((await listed.execute()).map((row) => row.courseId)).toContain('stale');
      const servingTable = await tableOid();

      await spec.rebuild();

      expect(await tableOid()).not.toBe(servingTable);
      const afterSwitch = (await listed.execute()).map((row) => row.courseId);
      expect(afterSwitch).not.toContain('stale');
      expect(afterSwitch).toContain('c3');
    } finally {
      await connection.end();
    }
  });
});

describe('courses projection in partitions', () => {
  let db: ReadModelTestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    db = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({
      imports: [db.platformModule({ COURSES_READ_MODEL_PARTITIONS: '3' }), CoursesReadModule],
      sqlClient: db.sqlClient,
    });
  });
  afterAll(async () => {
    await spec.close();
    await db.drop();
  });

  it('given COURSES_READ_MODEL_PARTITIONS, then it runs as that many partitions with the same rows; redelivery and rebuild change nothing', async () => {
    const courseIds = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    for (const courseId of courseIds) await spec.givenEvents(`Course_${courseId}`, [created(courseId, '2026-01-01T00:00:00.000Z')]);

    const expected = courseIds.map((courseId) => expect.objectContaining({ course_id: courseId }));
    expect(await rows(spec)).toEqual(expected);
    await spec.redeliverLastGiven();
    expect(await rows(spec)).toEqual(expected);
    await spec.rebuild();
    expect(await rows(spec)).toEqual(expected);
    const { rows: checkpoints } = await db.sqlClient.query<{ subscription_id: string }>(
      `SELECT subscription_id FROM es_subscriptions WHERE subscription_id LIKE 'CoursesReadModel_v1%' ORDER BY subscription_id`,
      [],
    );
    expect(checkpoints.map((row) => row.subscription_id)).toEqual([0, 1, 2].map((index) => `CoursesReadModel_v1/partition-${index}-of-3`));
  });
});
