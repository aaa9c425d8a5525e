import type { ApplicationEvent } from '@coderscamp/event-sourcing';
import { USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import type { UserRole } from '../../../shared/auth/user-role';

/** The most events one export holds; a longer history is cut at the end of the log and says so. */
export const MAX_EXPORTED_EVENTS = 10_000;

export type ExportedEvent = Readonly<{ globalPosition: number; stream: string; type: string; occurredAt: string; data: unknown }>;

export type PersonalDataExport = Readonly<{
  userId: string;
  exportedAt: string;
  profile: Readonly<{ fullName: string | null; email: string | null; image: string | null }>;
  account: Readonly<{ role: UserRole; emailConfirmed: boolean; registeredAt: string | null }>;
  events: ExportedEvent[];
  truncated: boolean;
}>;

type Fields = Record<string, unknown>;

/** What the user's events say about them now: the same folds the read models make, from the events alone. */
function profileAndAccountOf(events: readonly ApplicationEvent[]): Pick<PersonalDataExport, 'profile' | 'account'> {
  let profile: PersonalDataExport['profile'] = { fullName: null, email: null, image: null };
  let account: PersonalDataExport['account'] = { role: 'user', emailConfirmed: false, registeredAt: null };
  for (const event of events) {
    const data = event.data as Fields;
    switch (event.type) {
      case 'UserRegistrationWasStarted':
        profile = { ...profile, fullName: data['fullName'] as string, email: data['emailAddress'] as string };
        break;
      case 'UserRegistrationWasCompleted':
        account = { ...account, registeredAt: event.occurredAt.toISOString() };
        break;
      case 'UserProfileWasChanged':
        profile = { ...profile, fullName: (data['fullName'] as string | undefined) ?? profile.fullName, image: (data['image'] as string | undefined) ?? profile.image };
        break;
      case 'EmailConfirmationWasApproved':
        if (data['confirmationFor'] === USER_REGISTRATION_CONFIRMATION) account = { ...account, emailConfirmed: true };
        break;
      case 'UserWasGrantedAdminRole':
        account = { ...account, role: 'admin' };
        break;
    }
  }
  return { profile, account };
}

/**
 * The export document (GDPR Art. 15 and 20): the profile and account as the events leave them, and
 * every event given, by global position, as the store returns it (decrypted, in its newest shape), cut
 * at MAX_EXPORTED_EVENTS.
 */
export function personalDataExport(userId: string, events: readonly ApplicationEvent[], exportedAt: Date): PersonalDataExport {
  const inLogOrder = [...events].sort((a, b) => Number(a.globalPosition - b.globalPosition));
  const exported = inLogOrder.slice(0, MAX_EXPORTED_EVENTS);
  return {
    userId,
    exportedAt: exportedAt.toISOString(),
    ...profileAndAccountOf(exported),
    events: exported.map((event) => ({
      globalPosition: Number(event.globalPosition),
      stream: event.streamName,
      type: event.type,
      occurredAt: event.occurredAt.toISOString(),
      data: event.data,
    })),
    truncated: inLogOrder.length > exported.length,
  };
}
