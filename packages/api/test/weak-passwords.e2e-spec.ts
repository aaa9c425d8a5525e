import { describe, expect, it } from 'vitest';
import { testAppPerFile } from './support/test-app';
import { countStoredEvents, postRegistration, uniqueEmail } from './support/users';

describe('weak passwords are refused at registration (fault 8)', () => {
  const app = testAppPerFile();

  it.each(['12345678', 'password', 'qwertyuiop'])(
    'given the common password %s, then 400 WEAK_PASSWORD with advice on how to improve it, nothing appended',
    async (password) => {
      const before = await countStoredEvents(app);
      const response = await postRegistration(app, { email: uniqueEmail('weak'), password });

      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; message: string; details: string[] };
      expect(body).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD' });
      expect(body.message).toMatch(/^password is too easy to guess\. This is a (heavily|frequently) used password\. Add more words that are less common\.$/);
      expect(body.details).toEqual([body.message]);
      expect(await countStoredEvents(app)).toBe(before);
    },
  );

  it('given a weak password and another invalid field, then 400 VALIDATION_FAILED naming both', async () => {
    const response = await app.http('/api/user-registration', { method: 'POST', body: { fullName: '', email: uniqueEmail('weak'), password: 'password' } });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: string[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details).toHaveLength(2);
  });

  it('given a strong passphrase, then the registration is accepted', async () => {
    const response = await postRegistration(app, { email: uniqueEmail('strong'), password: 'violet ocean tractor 42' });
    expect(response.status).toBe(201);
  });
});
