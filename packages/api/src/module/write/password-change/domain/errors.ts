import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

/** A stolen session alone must not be enough to take the account over. */
export class CurrentPasswordIsWrong extends DomainRuleViolation {
  readonly code = 'INVALID_CREDENTIALS';
  readonly kind = 'forbidden';

  constructor(readonly userId: string) {
    super('The current password is wrong.');
  }
}
