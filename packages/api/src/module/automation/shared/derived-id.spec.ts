import { describe, expect, it } from 'vitest';
import { derivedId, derivedSecret } from './derived-id';

describe('derived ids', () => {
  const eventId = '0b8f6a52-3f0e-4c55-9a43-1f2d3c4b5a69';

  it('given the same source and purpose, then the same uuid-shaped id; another purpose gives another id', () => {
    const id = derivedId(eventId, 'confirmation-email');

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId(eventId, 'confirmation-email')).toBe(id);
    expect(derivedId(eventId, 'course-user')).not.toBe(id);
  });

  it('given a source, then the secret is 256 bits, URL-safe and repeatable', () => {
    const secret = derivedSecret(eventId, 'email-confirmation-token');

    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(derivedSecret(eventId, 'email-confirmation-token')).toBe(secret);
  });
});
