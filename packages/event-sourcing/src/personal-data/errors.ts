import { EventSourcingError } from '../core/errors';

/**
 * An event of a type with personal data, holding some, whose subject `subjectOf` cannot tell:
 * under no subject's key it could never be erased, so it is not stored.
 */
export class PersonalDataSubjectMissingError extends EventSourcingError {
  readonly code = 'PERSONAL_DATA_SUBJECT_MISSING';

  constructor(
    readonly eventType: string,
    readonly eventId: string,
  ) {
    super(`Event ${eventId} of type "${eventType}" holds personal data but names no subject whose key could encrypt it`);
  }
}

/**
 * An encrypted field whose key exists does not decrypt: it was altered, or moved from another
 * event, field or subject. Never read as erased, which would hide the corruption.
 */
export class PersonalDataUnreadableError extends EventSourcingError {
  readonly code = 'PERSONAL_DATA_UNREADABLE';

  constructor(
    readonly eventId: string,
    readonly field: string,
  ) {
    super(`Field "${field}" of event ${eventId} does not decrypt with its subject's key: it was altered or copied from elsewhere`);
  }
}

/** The subject was erased: erasure is final, so no key is ever created for it again. */
export class SubjectErasedError extends EventSourcingError {
  readonly code = 'SUBJECT_ERASED';

  constructor(readonly subject: string) {
    super(`Subject "${subject}" was erased: its personal data cannot be encrypted under a key of its own again`);
  }
}
