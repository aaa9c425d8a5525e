import type { ApplicationEvent } from '@coderscamp/event-sourcing';
import { describe, expect, it } from 'vitest';
import { MAX_EXPORTED_EVENTS, personalDataExport } from './personal-data-export';

const EXPORTED_AT = new Date('2026-12-04T10:00:00.000Z');

function stored(globalPosition: number, streamName: string, type: string, data: Record<string, unknown>): ApplicationEvent {
  return {
    type,
    data,
    id: `event-${globalPosition}`,
    metadata: { correlationId: 'c', causationId: 'c' },
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, globalPosition)),
    streamName,
    streamVersion: 1,
    globalPosition: BigInt(globalPosition),
    transactionId: BigInt(globalPosition),
    schemaVersion: 1,
  };
}

const registration = { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', hashedPassword: 'scrypt$hash' };

describe('personal data export', () => {
  it('given the events of a registration, a confirmation, a profile change and an admin grant, then profile and account follow them, events by global position', () => {
    const events = [
      stored(7, 'UserRoles_user-1', 'UserWasGrantedAdminRole', { userId: 'user-1' }),
      stored(1, 'UserRegistration_user-1', 'UserRegistrationWasStarted', registration),
      stored(3, 'EmailConfirmation_user-1_user-registration', 'EmailConfirmationWasApproved', { userId: 'user-1', confirmationFor: 'user-registration' }),
      stored(4, 'UserRegistration_user-1', 'UserRegistrationWasCompleted', registration),
      stored(5, 'UserRegistration_user-1', 'UserProfileWasChanged', { userId: 'user-1', image: 'https://example.com/jan.png' }),
    ];

    const exported = personalDataExport('user-1', events, EXPORTED_AT);

    expect(exported.profile).toEqual({ fullName: 'Jan Kowalski', email: 'jan@example.com', image: 'https://example.com/jan.png' });
    expect(exported.account).toEqual({ role: 'admin', emailConfirmed: true, registeredAt: '2026-01-01T00:00:04.000Z' });
    expect(exported.events.map((event) => event.globalPosition)).toEqual([1, 3, 4, 5, 7]);
    expect(exported.events[0]).toEqual({
      globalPosition: 1,
      stream: 'UserRegistration_user-1',
      type: 'UserRegistrationWasStarted',
      occurredAt: '2026-01-01T00:00:01.000Z',
      data: registration,
    });
    expect(exported).toMatchObject({ userId: 'user-1', exportedAt: '2026-12-04T10:00:00.000Z', truncated: false });
  });

  it('given a registration never confirmed, then the account is not confirmed, not registered, and holds the role user', () => {
    const exported = personalDataExport('user-1', [stored(1, 'UserRegistration_user-1', 'UserRegistrationWasStarted', registration)], EXPORTED_AT);

    expect(exported.account).toEqual({ role: 'user', emailConfirmed: false, registeredAt: null });
  });

  it('given more events than one export holds, then the earliest are exported and the export says it was cut', () => {
    const events = Array.from({ length: MAX_EXPORTED_EVENTS + 1 }, (_, index) => stored(index + 1, 'UserSession_s', 'SessionWasStarted', { userId: 'user-1' }));

    const exported = personalDataExport('user-1', events, EXPORTED_AT);

    expect(exported.events).toHaveLength(MAX_EXPORTED_EVENTS);
    expect(exported.events.at(-1)?.globalPosition).toBe(MAX_EXPORTED_EVENTS);
    expect(exported.truncated).toBe(true);
  });
});
