import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA, personalDataOfErasure } from './personal-data';

/** Field names that hold personal data wherever they occur in an event. */
const PERSONAL_FIELD_NAMES = ['fullName', 'emailAddress', 'hashedPassword', 'image', 'to', 'text', 'html', 'userAgent'];

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

const metadata = { correlationId: 'c', causationId: 'c' };

describe('personal data declarations', () => {
  it('given every event type, then each field that holds personal data is declared, under the user it names', () => {
    const events = eventFields();
    expect(events.size).toBeGreaterThan(15);

    for (const [type, fields] of events) {
      const personal = fields.filter((field) => PERSONAL_FIELD_NAMES.includes(field));
      const declaration = PERSONAL_DATA.find((candidate) => candidate.eventType === type);
      expect(declaration?.fields ?? [], type).toEqual(expect.arrayContaining(personal));
      if (declaration) expect(fields, `${type} names its user`).toContain('userId');
    }
  });

  it('given a mail stored before mails named their user, when erasing by its recipient address, then it is the erased user\'s, whatever the case of the address', () => {
    const mail = (to: string) => ({ type: 'EmailMessageWasSent', data: { emailMessageId: 'm-1', to, subject: 's', text: 't', html: 'h', from: 'f' }, streamName: 'EmailMessage_m-1', metadata });
    const declaration = personalDataOfErasure('user-1', 'Jan@Example.com').find((candidate) => candidate.eventType === 'EmailMessageWasSent')!;

    expect(declaration.subjectOf(mail('jan@example.com'))).toBe('user-1');
    expect(declaration.subjectOf(mail('ada@example.com'))).toBeUndefined();
    expect(declaration.subjectOf({ ...mail('jan@example.com'), data: { ...mail('jan@example.com').data, userId: 'user-2' } })).toBe('user-2');
  });

  it('given the address reads as erased already, then mails without their user match no one', () => {
    const declaration = personalDataOfErasure('user-1', undefined).find((candidate) => candidate.eventType === 'EmailMessageWasSent')!;

    expect(declaration.subjectOf({ type: 'EmailMessageWasSent', data: { to: 'jan@example.com' }, streamName: 'EmailMessage_m-1', metadata })).toBeUndefined();
  });
});
