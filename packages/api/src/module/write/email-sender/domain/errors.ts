import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

/** An id names one message; reusing it for different content is a bug in the issuer, not a retry. */
export class EmailMessageIdAlreadyUsed extends DomainRuleViolation {
  readonly code = 'EMAIL_MESSAGE_ID_ALREADY_USED';
  readonly kind = 'conflict';

  constructor(readonly emailMessageId: string) {
    super(`Email message ${emailMessageId} was already sent with different content.`);
  }
}
