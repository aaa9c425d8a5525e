import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET, withoutSecrets } from './secrets';

/** Field names that look like they grant access, wherever they occur in an event. */
const LOOKS_SECRET = /password|token|secret/i;

/** Each event type in events/ with the names of its data's fields, read from its `DomainEvent<'Type', { … }>`. */
function eventFields(): Map<string, string[]> {
  const directory = join(__dirname, 'events');
  const fields = new Map<string, string[]>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.event.ts'))) {
    const source = readFileSync(join(directory, file), 'utf8');
    for (const [, type, data] of source.matchAll(/DomainEvent<\s*'(\w+)',\s*\{([^}]*)\}/g)) {
      fields.set(type!, [...data!.matchAll(/(\w+)\??:/g)].map(([, field]) => field!));
    }
  }
  return fields;
}

describe('secrets kept from the console', () => {
  it('given every event type, then each field whose name looks secret reads as the secret marker', () => {
    const events = eventFields();
    expect(events.size).toBeGreaterThan(15);
    for (const [type, fields] of events) {
      const data = Object.fromEntries(fields.map((field) => [field, 'value']));
      const shown = withoutSecrets(type, data) as Record<string, unknown>;
      for (const field of fields.filter((candidate) => LOOKS_SECRET.test(candidate))) expect(shown[field], `${type}.${field}`).toBe(SECRET);
    }
  });

  it('given a password hash among other fields, then only the hash is replaced', () => {
    expect(withoutSecrets('PasswordWasChanged', { userId: 'u-1', hashedPassword: '$argon2id$v=19$…', changedAt: '2026-12-04' })).toEqual({
      userId: 'u-1',
      hashedPassword: SECRET,
      changedAt: '2026-12-04',
    });
  });

  it('given a mail with a confirmation link in its text and a reset link in its html, then the tokens are replaced and the rest of the body stays', () => {
    const shown = withoutSecrets('EmailMessageWasSent', {
      to: 'jan@example.com',
      subject: 'Confirm',
      text: 'Open https://app.example.com/confirm-email?token=user-1.s3cr3t to confirm.',
      html: '<a href="https://app.example.com/reset-password?lang=pl&amp;token=r-1.k3y">reset</a>',
    }) as Record<string, string>;

    expect(shown.text).toBe(`Open https://app.example.com/confirm-email?token=${SECRET} to confirm.`);
    expect(shown.html).toBe(`<a href="https://app.example.com/reset-password?lang=pl&amp;token=${SECRET}">reset</a>`);
    expect(shown.to).toBe('jan@example.com');
  });

  it('given an erased or missing secret, or data that is not an object, then it is shown as it is', () => {
    expect(withoutSecrets('PasswordWasReset', { hashedPassword: null })).toEqual({ hashedPassword: null });
    expect(withoutSecrets('CourseWasCreated', { name: 'CodersCamp' })).toEqual({ name: 'CodersCamp' });
    expect(withoutSecrets('Anything', 'text')).toBe('text');
  });
});
