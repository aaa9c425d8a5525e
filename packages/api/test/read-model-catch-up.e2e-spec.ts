import { randomUUID } from 'node:crypto';
import { StreamName, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { describe, expect, it } from 'vitest';
import { AUTH_USERS_SUBSCRIPTION_ID } from '../src/module/read/shared/read-model-subscription-ids';
import { ReadModelCatchUp } from '../src/module/write/shared/read-model-catch-up';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { testAppPerFile } from './support/test-app';

/** ReadModelCatchUp gives up after 10 s: an answer well before that is one that found the read model caught up. */
const WELL_BEFORE_GIVING_UP_MS = 5_000;

describe('read-your-writes wait (ReadModelCatchUp)', () => {
  const app = testAppPerFile();

  it('given the log ends with events the accounts read model does not handle, when waiting for it up to the end of the log, then it answers at once: nothing it handles lies in between', async () => {
    const fixtures = new EventStoreFixtures(app.running);
    // Events of a type no read model handles, after everything the accounts read model has handled.
    for (let n = 0; n < 3; n++) await fixtures.append(StreamName.of('Noise', randomUUID()), { type: 'NoiseWasMade', data: { n } });
    await subscriptionsIdle(app);
    const endOfLog = await app.running.app.get<symbol, EventStore>(EVENT_STORE).endOfLog();

    const startedAt = Date.now();
    await app.running.app.get(ReadModelCatchUp).waitFor([AUTH_USERS_SUBSCRIPTION_ID], endOfLog);

    expect(Date.now() - startedAt).toBeLessThan(WELL_BEFORE_GIVING_UP_MS);
  });

  it('given an id no read model has, then waiting for it is refused as the programming error it is', async () => {
    const endOfLog = await app.running.app.get<symbol, EventStore>(EVENT_STORE).endOfLog();

    await expect(app.running.app.get(ReadModelCatchUp).waitFor(['NoSuchReadModel_v1'], endOfLog)).rejects.toThrow('NoSuchReadModel_v1');
  });
});
