import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class PasswordResetTokenUnknown extends DomainRuleViolation {
  readonly code = 'PASSWORD_RESET_TOKEN_UNKNOWN';
  readonly kind = 'not-found';

  constructor() {
    super('The password reset link was never issued; request a new one.');
  }
}

export class PasswordResetTokenUsed extends DomainRuleViolation {
  readonly code = 'PASSWORD_RESET_TOKEN_USED';
  readonly kind = 'conflict';

  constructor() {
    super('The password reset link was already used; request a new one to change the password again.');
  }
}

export class PasswordResetTokenSuperseded extends DomainRuleViolation {
  readonly code = 'PASSWORD_RESET_TOKEN_SUPERSEDED';
  readonly kind = 'conflict';

  constructor() {
    super('A newer password reset link was sent; use the link in the latest mail.');
  }
}

export class PasswordResetTokenExpired extends DomainRuleViolation {
  readonly code = 'PASSWORD_RESET_TOKEN_EXPIRED';
  readonly kind = 'gone';

  constructor() {
    super('The password reset link has expired; request a new one.');
  }
}
