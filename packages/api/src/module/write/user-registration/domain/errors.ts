import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class UserRegistrationAlreadyStarted extends DomainRuleViolation {
  readonly code = 'USER_REGISTRATION_ALREADY_STARTED';
  readonly kind = 'conflict';

  constructor(readonly userId: string) {
    super(`Registration of user ${userId} was already started.`);
  }
}

export class UserRegistrationNotStarted extends DomainRuleViolation {
  readonly code = 'USER_REGISTRATION_NOT_STARTED';
  readonly kind = 'not-found';

  constructor(readonly userId: string) {
    super(`Registration of user ${userId} was not started.`);
  }
}

export class UserRegistrationAlreadyCompleted extends DomainRuleViolation {
  readonly code = 'USER_REGISTRATION_ALREADY_COMPLETED';
  readonly kind = 'conflict';

  constructor(readonly userId: string) {
    super(`Registration of user ${userId} was already completed.`);
  }
}

/** Only a completed registration has a profile (the address is confirmed by then). */
export class UserProfileNotFound extends DomainRuleViolation {
  readonly code = 'USER_PROFILE_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(readonly userId: string) {
    super(`User ${userId} has no profile: the registration was not completed.`);
  }
}

export class UserProfileChangeEmpty extends DomainRuleViolation {
  readonly code = 'USER_PROFILE_CHANGE_EMPTY';
  readonly kind = 'invalid';

  constructor(readonly userId: string) {
    super('Name at least one field to change: fullName or image.');
  }
}

export class UserNotFound extends DomainRuleViolation {
  readonly code = 'USER_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(readonly userId: string) {
    super(`No user with id ${userId}.`);
  }
}

/** Erasure is final: the data it removed cannot be removed again, nor the account used. */
export class UserAlreadyErased extends DomainRuleViolation {
  readonly code = 'USER_ALREADY_ERASED';
  readonly kind = 'gone';

  constructor(readonly userId: string) {
    super(`User ${userId} was erased.`);
  }
}

/** A stolen session alone must not be enough to erase an account. */
export class WrongPassword extends DomainRuleViolation {
  readonly code = 'WRONG_PASSWORD';
  readonly kind = 'forbidden';

  constructor(readonly userId: string) {
    super('The password is wrong.');
  }
}
