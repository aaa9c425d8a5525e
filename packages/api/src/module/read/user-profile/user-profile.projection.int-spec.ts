import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedTestDatabase, sliceSupportModules, type MigratedTestDatabase } from '../../../../test/support/read-model-testing';
import { UserProfileReadModule } from './user-profile.read-module';

const registration = (userId: string, fullName: string) => ({ userId, fullName, emailAddress: `${userId}@example.com`, hashedPassword: 'h' });
const rows = (spec: ProjectionSpecification) =>
  spec.thenRows('SELECT user_id, full_name, email_address, image, registered_at FROM user_profiles ORDER BY user_id');

describe('user profile projection', () => {
  let db: MigratedTestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    db = await migratedTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [...(sliceSupportModules(db.database) ?? []), UserProfileReadModule], sqlClient: db.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await db.database.drop();
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
});
