import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

/** Also for another user's session: whether it exists is none of the asker's business. */
export class SessionNotFound extends DomainRuleViolation {
  readonly code = 'SESSION_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(readonly sessionId: string) {
    super(`No session ${sessionId} of this user.`);
  }
}
