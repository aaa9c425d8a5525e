import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { UserProfileReadModule } from './user-profile.read-module';

const registration = (userId: string, fullName: string) => ({ userId, fullName, emailAddress: `${userId}@example.com`, hashedPassword: 'h' });
const rowOf = (spec: ProjectionSpecification, userId: string) =>
  spec.thenRows('SELECT user_id, full_name, email_address, image, registered_at FROM user_profiles WHERE user_id = $1', [userId]);
const rows = (spec: ProjectionSpecification) =>
  spec.thenRows('SELECT user_id, full_name, email_address, image, registered_at FROM user_profiles WHERE user_id IN (\'u1\', \'u2\', \'u3\') ORDER BY user_id');

describe('user profile projection', () => {
  let db: ReadModelTestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    db = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [db.platformModule(), UserProfileReadModule], sqlClient: db.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await db.drop();
  });

  it('given started and completed registrations, then only completed ones have a profile; redelivery and rebuild change nothing', async () => {
    await spec.givenEvents('UserRegistration_u1', [
      { type: 'UserRegistrationWasStarted', data: registration('u1', 'Jan') },
      { type: 'UserRegistrationWasCompleted', data: registration('u1', 'Jan') },
    ]);
    await spec.givenEvents('UserRegistration_u2', [{ type: 'UserRegistrationWasStarted', data: registration('u2', 'Ada') }]);
    await spec.givenEvents('UserRegistration_u3', [{ type: 'UserRegistrationWasCompleted', data: registration('u3', 'Grace') }]);

    const expected = [
      { user_id: 'u1', full_name: 'Jan', email_address: 'u1@example.com', image: null, registered_at: spec.timeProvider.currentTime() },
      { user_id: 'u3', full_name: 'Grace', email_address: 'u3@example.com', image: null, registered_at: spec.timeProvider.currentTime() },
    ];
    expect(await rows(spec)).toEqual(expected);

    await spec.redeliverLastGiven();
    expect(await rows(spec)).toEqual(expected);
    await spec.rebuild();
    expect(await rows(spec)).toEqual(expected);
  });

  it('given a completed registration and profile changes, then the row shows the latest name and image; redelivery and rebuild change nothing', async () => {
    await spec.givenEvents('UserRegistration_u4', [
      { type: 'UserRegistrationWasStarted', data: registration('u4', 'Ada') },
      { type: 'UserRegistrationWasCompleted', data: registration('u4', 'Ada') },
      { type: 'UserProfileWasChanged', data: { userId: 'u4', fullName: 'Ada King' } },
    ]);
    await spec.givenEvents('UserRegistration_u4', [{ type: 'UserProfileWasChanged', data: { userId: 'u4', image: 'https://example.com/ada.png' } }]);

    const expected = [{ user_id: 'u4', full_name: 'Ada King', email_address: 'u4@example.com', image: 'https://example.com/ada.png', registered_at: spec.timeProvider.currentTime() }];
    expect(await rowOf(spec, 'u4')).toEqual(expected);
    await spec.redeliverLastGiven();
    expect(await rowOf(spec, 'u4')).toEqual(expected);
    await spec.rebuild();
    expect(await rowOf(spec, 'u4')).toEqual(expected);
  });

  // One stream's events reach a subscription in order, but a completion parked by the poison-event
  // policy and replayed later arrives after the changes. Here the changes (stream versions 3 and 4)
  // are appended on a stream of their own first, so they reach the projection before the
  // completion (version 2) does.
  it('given name and image changes that arrive before the registration\'s completion, then the row keeps them and is a profile once completed', async () => {
    await spec.givenEvents('UserRegistration_u5-changes', [
      { type: 'UserRegistrationWasStarted', data: registration('u5-changes', 'Other') },
      { type: 'UserRegistrationWasCompleted', data: registration('u5-changes', 'Other') },
      { type: 'UserProfileWasChanged', data: { userId: 'u5', fullName: 'Grace B. Hopper' } },
      { type: 'UserProfileWasChanged', data: { userId: 'u5', image: 'https://example.com/grace.png' } },
    ]);
    expect(await rowOf(spec, 'u5')).toEqual([{ user_id: 'u5', full_name: 'Grace B. Hopper', email_address: null, image: 'https://example.com/grace.png', registered_at: null }]);

    await spec.givenEvents('UserRegistration_u5', [
      { type: 'UserRegistrationWasStarted', data: registration('u5', 'Grace') },
      { type: 'UserRegistrationWasCompleted', data: registration('u5', 'Grace') },
    ]);
    const expected = [
      { user_id: 'u5', full_name: 'Grace B. Hopper', email_address: 'u5@example.com', image: 'https://example.com/grace.png', registered_at: spec.timeProvider.currentTime() },
    ];
    expect(await rowOf(spec, 'u5')).toEqual(expected);
    await spec.redeliverLastGiven();
    expect(await rowOf(spec, 'u5')).toEqual(expected);
  });

  it('given a user who was erased, then their profile is gone, also after a rebuild; another user keeps theirs', async () => {
    await spec.givenEvents('UserRegistration_e1', [
      { type: 'UserRegistrationWasCompleted', data: registration('e1', 'Ewa') },
      { type: 'UserProfileWasChanged', data: { userId: 'e1', image: 'https://example.com/ewa.png' } },
    ]);
    await spec.givenEvents('UserRegistration_e2', [{ type: 'UserRegistrationWasCompleted', data: registration('e2', 'Edek') }]);
    await spec.givenEvents('UserRegistration_e1', [{ type: 'UserWasErased', data: { userId: 'e1', emailAddress: 'e1@example.com', erasedBy: 'admin' } }]);

    expect(await rowOf(spec, 'e1')).toEqual([]);
    expect(await rowOf(spec, 'e2')).toHaveLength(1);
    await spec.rebuild();
    expect(await rowOf(spec, 'e1')).toEqual([]);
    expect(await rowOf(spec, 'e2')).toHaveLength(1);
  });
});
