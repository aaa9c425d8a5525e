import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class EmailConfirmationNotRequested extends DomainRuleViolation {
  readonly code = 'EMAIL_CONFIRMATION_NOT_REQUESTED';
  readonly kind = 'not-found';

  constructor(readonly userId: string, readonly confirmationFor: string) {
    super(`No email confirmation for ${confirmationFor} was requested for user ${userId}.`);
  }
}

export class EmailConfirmationTokenUnknown extends DomainRuleViolation {
  readonly code = 'EMAIL_CONFIRMATION_TOKEN_UNKNOWN';
  readonly kind = 'not-found';

  constructor() {
    super('The email confirmation token was never issued.');
  }
}

export class EmailConfirmationTokenObsolete extends DomainRuleViolation {
  readonly code = 'EMAIL_CONFIRMATION_TOKEN_OBSOLETE';
  readonly kind = 'conflict';

  constructor() {
    super('The email confirmation token was superseded by a newer request.');
  }
}

export class EmailConfirmationAlreadyApproved extends DomainRuleViolation {
  readonly code = 'EMAIL_CONFIRMATION_ALREADY_APPROVED';
  readonly kind = 'conflict';

  constructor(readonly userId: string, readonly confirmationFor: string) {
    super(`Email confirmation for ${confirmationFor} of user ${userId} was already approved.`);
  }
}
