import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class EmailAddressAlreadyRegistered extends DomainRuleViolation {
  readonly code = 'EMAIL_ALREADY_REGISTERED';
  readonly kind = 'conflict';

  constructor(readonly emailAddress: string) {
    super(`Email address ${emailAddress} is already registered.`);
  }
}
