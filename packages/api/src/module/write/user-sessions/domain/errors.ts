import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

/**
 * Also for another user's session: whether it exists is none of the asker's business. The message
 * does not repeat the id, so an answer never carries another user's identifiers back.
 */
export class SessionNotFound extends DomainRuleViolation {
  readonly code = 'SESSION_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(readonly sessionId: string) {
    super('You have no open session with this id.');
  }
}
