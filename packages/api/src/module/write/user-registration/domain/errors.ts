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
