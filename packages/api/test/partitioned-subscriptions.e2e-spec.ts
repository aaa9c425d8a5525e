import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningApp } from '../src/create-app';
import { healthObservedAfter, type SubscriptionHealth } from './support/health';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app';
import { adminAccessToken, eventually, storedEvents, TEST_ADMIN_ENV } from './support/users';
import { readsHurtByRebuild, repeatUntilStopped, type ListRead } from './support/reads-during-rebuild';

const COURSES = 'CoursesReadModel_v1';

type Rebuild = { eventsToReplay: number; done: number; finished: boolean };

describe('a partitioned read model on two instances', () => {
  let instanceA: TestApp;
  let instanceB: RunningApp;

  beforeAll(async () => {
    instanceA = await startTestApp({ ...TEST_ADMIN_ENV, COURSES_READ_MODEL_PARTITIONS: '4' });
    instanceB = await startAnotherInstance(instanceA, { COURSES_READ_MODEL_PARTITIONS: '4' });
  });

  afterAll(async () => {
    await instanceB?.app.close();
    await instanceA?.close();
  });

  const coursesHealthOn = async (url: string, since: number): Promise<SubscriptionHealth> => {
    const health = await healthObservedAfter(url, since);
    return health.subscriptions.find((subscription) => subscription.subscriptionId === COURSES)!;
  };

  it('given COURSES_READ_MODEL_PARTITIONS=4 on both, then within seconds each runs a share of the partitions and together they run all four, as their health reports', async () => {
    await vi.waitFor(
      async () => {
        // Both read after one instant, so that neither reports partitions it has since given up.
        const since = Date.now();
        const onA = await coursesHealthOn(instanceA.running.url, since);
        const onB = await coursesHealthOn(instanceB.url, since);
        expect([onA.partitions, onB.partitions]).toEqual([4, 4]);
        expect(onA.heldPartitions.length).toBeGreaterThan(0);
        expect(onB.heldPartitions.length).toBeGreaterThan(0);
        expect([...onA.heldPartitions, ...onB.heldPartitions].sort()).toEqual([0, 1, 2, 3]);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  it('given a subscription left at one partition, then its health says so and one instance runs it', async () => {
    const onA = await healthObservedAfter(instanceA.running.url);
    const unpartitioned = onA.subscriptions.find((subscription) => subscription.subscriptionId !== COURSES)!;
    expect(unpartitioned.partitions).toBe(1);
    expect(unpartitioned.heldPartitions.length).toBeLessThanOrEqual(1);
  });

  it('given courses written and listed without pause on the other instance, when an administrator rebuilds the partitioned read model, then it is built beside the serving one: no read fails, comes back empty or lists fewer courses, and both instances carry on in the new table', async () => {
    const token = await adminAccessToken(instanceA);
    const createCourse = async (name: string) => {
      const created = await instanceA.http('/api/courses', { method: 'POST', token, body: { name, startsAt: '2025-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' } });
      expect(created.status).toBe(201);
    };
    const listCoursesOnB = async () => {
      const response = await fetch(`${instanceB.url}/api/courses`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, count: response.status === 200 ? ((await response.json()) as unknown[]).length : 0 };
    };
    for (let index = 0; index < 20; index++) await createCourse(`Listed ${randomUUID()}`);
    await eventually(async () => ((await listCoursesOnB()).count >= 20 ? true : undefined), 'the courses to be listed');
    const writes = repeatUntilStopped(() => createCourse(`Written during the rebuild ${randomUUID()}`));
    const reader = repeatUntilStopped(listCoursesOnB);
    let reads: ListRead[];
    try {
      const response = await instanceA.http(`/api/admin/subscriptions/${COURSES}/rebuilds`, { method: 'POST', token });
      expect(response.status).toBe(202);
      const finished = await eventually(async () => {
        const overviews = (await (await instanceA.http('/api/admin/subscriptions', { token })).json()) as { subscriptionId: string; rebuild: Rebuild | null }[];
        const rebuild = overviews.find((overview) => overview.subscriptionId === COURSES)!.rebuild;
        return rebuild?.finished ? rebuild : undefined;
      }, 'the partitioned rebuild to finish');
      expect(finished.done).toBe(finished.eventsToReplay);
      // Writes and reads go on past the switch, while each instance's partitions carry on in the new table.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      [reads] = await Promise.all([reader.stop(), writes.stop()]);
    }

    expect(reads.length).toBeGreaterThan(10);
    expect(readsHurtByRebuild(reads)).toEqual({ failed: 0, wentBackwards: 0 });
    const created = (await storedEvents(instanceA, 'CourseWasCreated')).length;
    await eventually(async () => ((await listCoursesOnB()).count === created ? true : undefined), 'every course created to be listed once');
    const since = Date.now();
    const onA = await coursesHealthOn(instanceA.running.url, since);
    const onB = await coursesHealthOn(instanceB.url, since);
    expect([onA.heldPartitions.length, onB.heldPartitions.length].every((held) => held > 0)).toBe(true);
  });
});
