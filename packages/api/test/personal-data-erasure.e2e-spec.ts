import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { EventFeedClient, feedUrl } from './support/event-feed-client';
import { rebuildEveryReadModel, scanDatabase } from './support/personal-data-scan';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { testAppPerFile } from './support/test-app';
import {
  adminAccessToken,
  approveConfirmation,
  confirmationTokenFromMail,
  countStoredEvents,
  eventually,
  postLogin,
  postRegistration,
  profileReady,
  registerConfirmedUser,
  TEST_ADMIN_ENV,
  type TestUser,
} from './support/users';

const CURRENT_COURSE_ID = '6f2d0c1e-7a4b-4c8e-9d3f-2b5a7e9c1d40';
const NEW_PASSWORD = 'a brand new passphrase for erasure tests';
const CHANGED_PASSWORD = 'yet another passphrase, changed while signed in';
const RESET_LINK = /\/reset-password\?token=([^\s"<&]+)/;
/** The keys are wrapped here: the CLI must be given the same master key as the app to read the log. */
const MASTER_KEY_ENV = { PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64') };

type Person = Readonly<{ email: string; fullName: string; changedName: string; image: string }>;

const personNamed = (first: string, last: string, changedLast: string): Person => {
  const unique = randomUUID().slice(0, 8);
  return {
    // Mixed case on purpose: the address is stored normalized, the scan must find any case.
    email: `${first}.${last}.${unique}@Example.com`,
    fullName: `${first} ${last}${unique}`,
    changedName: `${first} ${changedLast}${unique}`,
    image: `https://images.example.com/${first}-${unique}.png`,
  };
};

/**
 * DELETE /api/users/me and DELETE /api/admin/users/{id}: after the erasure, the user's address and
 * names are nowhere in the database, in no table, column or row, the event log included, also after
 * every read model was rebuilt from the first event; the other user's data stays.
 */
describe('erasing a user', () => {
  const app = testAppPerFile({ ...TEST_ADMIN_ENV, CURRENT_COURSE_ID, ...MASTER_KEY_ENV });
  const zofia = personNamed('Zofia', 'Erasable', 'Forgotten');
  const bartosz = personNamed('Bartosz', 'Keeper', 'Stays');
  let erased: TestUser;
  let kept: TestUser;

  const eraseOwnAccount = (token: string | undefined, body: unknown) => app.http('/api/users/me', { method: 'DELETE', token, body });
  const eraseAsAdmin = (token: string, userId: string) => app.http(`/api/admin/users/${userId}`, { method: 'DELETE', token });
  const needlesOf = (person: Person) => [person.email, person.fullName, person.changedName, person.image];

  /** Everything a participant leaves behind: enrolment, materials, a profile change, a password reset and change, sessions. */
  async function participate(person: Person): Promise<TestUser> {
    const user = await registerConfirmedUser(app, { email: person.email, fullName: person.fullName });
    const generation = await eventually(async () => {
      const response = await app.http('/api/learning-materials', { method: 'POST', token: user.accessToken });
      return response.status === 403 ? undefined : response;
    }, `${person.fullName} to be enrolled`);
    expect(generation.status).toBe(201);
    await app.mailbox.waitForMail(user.email.toLowerCase(), (mail) => mail.text.includes(person.fullName));
    expect((await app.http('/api/users/me', { method: 'PATCH', token: user.accessToken, body: { fullName: person.changedName, image: person.image } })).status).toBe(200);

    expect((await app.http('/api/auth/password-reset', { method: 'POST', body: { email: person.email } })).status).toBe(202);
    const token = await eventually(async () => {
      const mail = app.mailbox.mailsTo(user.email.toLowerCase()).find((candidate) => RESET_LINK.test(candidate.text));
      return mail && decodeURIComponent(RESET_LINK.exec(mail.text)![1]!);
    }, `the reset mail to ${person.email}`);
    expect((await app.http('/api/auth/password-reset/confirmation', { method: 'POST', body: { token, newPassword: NEW_PASSWORD } })).status).toBe(204);
    const session = await eventually(async () => {
      const login = await app.http('/api/auth/login', { method: 'POST', headers: { 'user-agent': 'erasure-test/1.0' }, body: { email: person.email, password: NEW_PASSWORD } });
      return login.status === 200 ? ((await login.json()) as { accessToken: string }).accessToken : undefined;
    }, `${person.email} to log in with the reset password`);
    const change = await app.http('/api/users/me/password', { method: 'PUT', token: session, body: { currentPassword: NEW_PASSWORD, newPassword: CHANGED_PASSWORD } });
    expect(change.status).toBe(204);
    return { ...user, password: CHANGED_PASSWORD, accessToken: session };
  }

  beforeAll(async () => {
    erased = await participate(zofia);
    kept = await participate(bartosz);
  }, 120_000);

  it('given two participants, when one erases their account, then 204, their feed closes, their sessions and login are refused, and their address and names are nowhere in the database, not even after rebuilding every read model', async () => {
    await subscriptionsIdle(app);
    expect(await scanDatabase(app.database.pool, needlesOf(zofia)), 'the scan finds the data before the erasure').not.toEqual([]);
    const { rows: keys } = await app.database.pool.query<{ wrapped: boolean }>('SELECT wrapped FROM es_subject_keys WHERE subject = $1', [erased.userId]);
    expect(keys).toEqual([{ wrapped: true }]);
    const feed = await EventFeedClient.connect(feedUrl(app.url, { access_token: erased.accessToken }));

    const erasure = await eraseOwnAccount(erased.accessToken, { password: CHANGED_PASSWORD });

    expect(erasure.status).toBe(204);
    expect((await feed.closed).code).toBe(4410);
    const refused = await app.http('/api/users/me', { token: erased.accessToken });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'SESSION_ENDED' });
    expect((await postLogin(app, { email: zofia.email, password: CHANGED_PASSWORD })).status).toBe(401);

    await subscriptionsIdle(app);
    expect(await scanDatabase(app.database.pool, needlesOf(zofia))).toEqual([]);
    const keptHits = await scanDatabase(app.database.pool, [bartosz.email, bartosz.changedName]);
    expect(keptHits.map((hit) => hit.table)).toEqual(expect.arrayContaining(['auth_users', 'user_profiles', 'course_participant_accounts']));

    const rebuilt = await rebuildEveryReadModel(app, MASTER_KEY_ENV);
    expect(rebuilt).toEqual(expect.arrayContaining(['AuthUsersReadModel_v1', 'UserProfileReadModel_v1', 'CourseParticipantsReadModel_v1', 'UserEventFeedReadModel_v1', 'UserSessionsReadModel_v1']));
    expect(await scanDatabase(app.database.pool, needlesOf(zofia))).toEqual([]);
    expect(await scanDatabase(app.database.pool, [bartosz.email, bartosz.changedName])).toEqual(keptHits);
    expect((await app.http('/api/users/me', { token: kept.accessToken })).status).toBe(200);
  }, 120_000);

  it('given the erased address, when someone registers with it, then the registration, confirmation and login work', async () => {
    const registration = await postRegistration(app, { email: zofia.email, fullName: 'Zofia Newcomer', password: NEW_PASSWORD });
    expect(registration.status).toBe(201);
    const { userId } = (await registration.json()) as { userId: string };
    expect(userId).not.toBe(erased.userId);
    expect((await approveConfirmation(app, await confirmationTokenFromMail(app, zofia.email.toLowerCase(), 2))).status).toBe(204);
    await profileReady(app, userId);
    expect((await postLogin(app, { email: zofia.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('refuses bad erasures with a code and appends nothing: no body, a wrong password, no token, a non-admin, an id that is no uuid, an unknown user, an erased user', async () => {
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app, ['UserRegistration']);
    const adminToken = await adminAccessToken(app);

    const noBody = await eraseOwnAccount(kept.accessToken, undefined);
    expect(noBody.status).toBe(400);
    expect(await noBody.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const emptyPassword = await eraseOwnAccount(kept.accessToken, { password: '' });
    expect(emptyPassword.status).toBe(400);
    const wrong = await eraseOwnAccount(kept.accessToken, { password: 'not the password' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await eraseOwnAccount(undefined, { password: CHANGED_PASSWORD })).status).toBe(401);

    const notAdmin = await eraseAsAdmin(kept.accessToken, kept.userId);
    expect(notAdmin.status).toBe(403);
    expect(await notAdmin.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await eraseAsAdmin(adminToken, 'not-a-uuid')).status).toBe(400);
    const unknown = await eraseAsAdmin(adminToken, randomUUID());
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'USER_NOT_FOUND' });
    const again = await eraseAsAdmin(adminToken, erased.userId);
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ code: 'USER_ALREADY_ERASED' });

    expect(await countStoredEvents(app, ['UserRegistration'])).toBe(before);
    expect((await app.http('/api/users/me', { token: kept.accessToken })).status).toBe(200);
  });

  it('given an administrator, when erasing the other participant, then 204 and their data is gone too', async () => {
    expect((await eraseAsAdmin(await adminAccessToken(app), kept.userId)).status).toBe(204);
    await subscriptionsIdle(app);
    expect(await scanDatabase(app.database.pool, needlesOf(bartosz))).toEqual([]);
  });
});
