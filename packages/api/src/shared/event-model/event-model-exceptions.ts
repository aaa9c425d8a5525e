import type { ProblemCode } from './event-model';

/** A consistency problem the model may have, because the rule it breaks does not apply here. */
export type EventModelException = Readonly<{ code: ProblemCode; id: string; reason: string }>;

/**
 * Every problem the Event Model accepts, with why. `docs/event-model.md` lists them; one that no
 * longer matches a problem is itself a problem (`EXCEPTION_NOT_NEEDED`), so the list stays true.
 */
export const EVENT_MODEL_EXCEPTIONS: readonly EventModelException[] = [
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'write/admin-accounts',
    reason:
      'A start-up process with no decision of its own: the commands it sends are decided, and specified given/when/then, in their own slices; ' +
      'the e2e suites started with ADMIN_EMAIL (test/users.e2e-spec.ts, test/admin-routes.e2e-spec.ts) log in as the admin it ensures.',
  },
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'write/admin-role-grant',
    reason:
      'An endpoint with no decision of its own: GrantAdminRole is decided and specified in write/user-roles; ' +
      'test/admin-role-grant.e2e-spec.ts drives it over HTTP and its adapter has an int spec.',
  },
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'write/email-confirmation-resend',
    reason:
      'An endpoint with no decision of its own: RequestEmailConfirmation is decided and specified in write/email-confirmation; ' +
      'test/users.e2e-spec.ts resends over HTTP and its adapter has an int spec.',
  },
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'read/personal-data-export',
    reason:
      'No projection to specify given/when/then: it reads the events about a user from the event store when asked; ' +
      'personal-data-export.spec.ts specifies the export and test/personal-data-export.e2e-spec.ts drives the endpoint.',
  },
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'automation/when-user-was-erased-then-erase-personal-data',
    reason:
      'Its steps rewrite stored events and erase keys in PostgreSQL, which an in-memory AutomationSpecification cannot show; ' +
      'test/personal-data-erasure.e2e-spec.ts erases over HTTP and scans every table, also after rebuilding every read model.',
  },
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'read/causation',
    reason:
      'No projection to specify given/when/then: it reads the events of a correlation id from the event store when asked; ' +
      'causation-tree.spec.ts specifies the tree and test/causation.e2e-spec.ts drives the endpoint.',
  },
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'read/stream-browser',
    reason:
      'No projection to specify given/when/then: it lists categories, streams and events from the event store\'s catalog when asked; ' +
      'the SDK\'s event store contract specifies the catalog and test/stream-browser.e2e-spec.ts drives the endpoints.',
  },
  {
    code: 'SLICE_WITHOUT_SPECS',
    id: 'read/subscription-administration',
    reason:
      'No projection to specify given/when/then: it reads the subscriptions and their parked events from the subscription store when asked; ' +
      'test/subscription-administration.e2e-spec.ts lists, replays and skips parked events over HTTP.',
  },
];
