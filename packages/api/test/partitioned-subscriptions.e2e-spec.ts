import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningApp } from '../src/create-app';
import { healthObservedAfter, type SubscriptionHealth } from './support/health';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app';
import { adminAccessToken, eventually, TEST_ADMIN_ENV } from './support/users';

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

  it('given the partitioned read model, when an administrator rebuilds it, then the rebuild runs over every partition on both instances and is reported finished', async () => {
    const token = await adminAccessToken(instanceA);
    const response = await instanceA.http(`/api/admin/subscriptions/${COURSES}/rebuilds`, { method: 'POST', token });
    expect(response.status).toBe(202);
    const finished = await eventually(async () => {
      const overviews = (await (await instanceA.http('/api/admin/subscriptions', { token })).json()) as { subscriptionId: string; rebuild: Rebuild | null }[];
      const rebuild = overviews.find((overview) => overview.subscriptionId === COURSES)!.rebuild;
      return rebuild?.finished ? rebuild : undefined;
    }, 'the partitioned rebuild to finish');
    expect(finished.done).toBe(finished.eventsToReplay);
  });
});
