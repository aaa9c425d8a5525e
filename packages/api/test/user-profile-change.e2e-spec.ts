import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokenOfUnknownUser, givenCourseParticipant, type CourseParticipant } from './support/course-participants-over-events';
import { EventFeedClient, feedUrl } from './support/event-feed-client';
import { testAppPerFile } from './support/test-app';
import { adminAccessToken, countStoredEvents, eventually, storedEvents, TEST_ADMIN_ENV } from './support/users';

type Profile = { id: string; fullName: string; email: string; image: string | null };

/** PATCH /api/users/me, and every place that shows the name following it. */
describe('changing the profile', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  let participant: CourseParticipant;
  const patch = (body: unknown, token: string | undefined = participant.accessToken, headers: Record<string, string> = {}) =>
    app.http('/api/users/me', { method: 'PATCH', body, token, headers });
  const accountEvents = () => countStoredEvents(app, ['UserRegistration']);

  beforeAll(async () => {
    participant = await givenCourseParticipant(app, 'Ada Lovelace');
  });

  it('given a participant, when changing name and image, then 200 the profile, and GET /users/me, admin GET /users, the feed and the next mail follow', async () => {
    const feed = await EventFeedClient.connect(feedUrl(app.url, { access_token: participant.accessToken }));
    const image = 'https://images.example.com/ada.png';

    const response = await patch({ fullName: '  Ada King  ', image });

    expect(response.status).toBe(200);
    const expected: Profile = { id: participant.userId, fullName: 'Ada King', email: participant.emailAddress, image };
    expect(await response.json()).toEqual(expected);
    expect(await eventually(async () => {
      const me = (await (await app.http('/api/users/me', { token: participant.accessToken })).json()) as Profile;
      return me.fullName === 'Ada King' ? me : undefined;
    }, 'the profile shows the new name')).toEqual({ ...expected, role: 'user' });
    const adminToken = await adminAccessToken(app);
    await eventually(async () => {
      const page = (await (await app.http('/api/users?limit=100', { token: adminToken })).json()) as { items: Profile[] };
      return page.items.find((item) => item.id === participant.userId && item.fullName === 'Ada King');
    }, 'the admin list shows the new name');
    const [message] = (await feed.waitForMessages(1)).filter((feedMessage) => feedMessage.type === 'UserProfileWasChanged');
    expect(message?.data).toEqual({ userId: participant.userId, fullName: 'Ada King', image });
    await feed.close();

    expect((await app.http('/api/learning-materials', { method: 'POST', token: participant.accessToken })).status).toBe(201);
    const mail = await app.mailbox.waitForMail(participant.emailAddress);
    expect(mail.text).toContain('Hi Ada King,');
  });

  it('given the same change again, then 200 and nothing is appended; an image-only change keeps the name', async () => {
    const image = 'https://images.example.com/ada.png';
    const before = await accountEvents();
    expect(await (await patch({ fullName: 'Ada King', image })).json()).toMatchObject({ fullName: 'Ada King', image });
    expect(await accountEvents()).toBe(before);

    const changed = await patch({ image: 'https://images.example.com/ada-2.png' });
    expect(await changed.json()).toMatchObject({ fullName: 'Ada King', image: 'https://images.example.com/ada-2.png' });
    expect((await storedEvents(app, 'UserProfileWasChanged')).at(-1)?.data).toEqual({ userId: participant.userId, image: 'https://images.example.com/ada-2.png' });
  });

  it.each([
    ['an empty body', {}, 'USER_PROFILE_CHANGE_EMPTY'],
    ['an unknown field', { fullName: 'Ada', role: 'admin' }, 'VALIDATION_FAILED'],
    ['an unknown field alone', { email: 'other@example.com' }, 'VALIDATION_FAILED'],
    ['an http image URL', { image: 'http://images.example.com/ada.png' }, 'VALIDATION_FAILED'],
    ['an image URL of 2,049 characters', { image: `https://images.example.com/${'a'.repeat(2049 - 'https://images.example.com/'.length)}` }, 'VALIDATION_FAILED'],
    ['a javascript: image URL', { image: 'javascript:alert(1)' }, 'VALIDATION_FAILED'],
    ['an image that is no URL', { image: 'ada.png' }, 'VALIDATION_FAILED'],
    ['an empty name', { fullName: '' }, 'VALIDATION_FAILED'],
    ['a name of spaces only', { fullName: '    ' }, 'VALIDATION_FAILED'],
    ['a name of 101 characters', { fullName: 'a'.repeat(101) }, 'VALIDATION_FAILED'],
    ['a null name', { fullName: null }, 'VALIDATION_FAILED'],
    ['a number as name', { fullName: 42 }, 'VALIDATION_FAILED'],
    ['an array body', [{ fullName: 'Ada' }], 'VALIDATION_FAILED'],
    ['malformed JSON', '{"fullName": ', 'MALFORMED_JSON'],
  ])('given %s, then 400 %s and nothing is appended', async (_case, body, code) => {
    const before = await accountEvents();

    const response = await patch(body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code });
    expect(await accountEvents()).toBe(before);
  });

  it('given an image URL of exactly 2,048 characters, then it is accepted', async () => {
    const image = `https://images.example.com/${'b'.repeat(2048 - 'https://images.example.com/'.length)}`;
    const response = await patch({ image });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Profile).image).toBe(image);
  });

  it('given a form-encoded body, then 415 UNSUPPORTED_MEDIA_TYPE and nothing is appended', async () => {
    const before = await accountEvents();
    const response = await patch('fullName=Ada', participant.accessToken, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await accountEvents()).toBe(before);
  });

  it('given no token, then 401; given a token of a user without a completed registration, then 404 USER_PROFILE_NOT_FOUND and nothing is appended', async () => {
    expect((await app.http('/api/users/me', { method: 'PATCH', body: { fullName: 'Mallory' } })).status).toBe(401);
    const before = await accountEvents();
    const response = await patch({ fullName: 'Mallory' }, await accessTokenOfUnknownUser(app));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'USER_PROFILE_NOT_FOUND' });
    expect(await accountEvents()).toBe(before);
  });
});
