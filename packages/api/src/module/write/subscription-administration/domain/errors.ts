import { DomainRuleViolation } from '../../../shared/errors/domain-rule-violation';

export class SubscriptionNotFound extends DomainRuleViolation {
  readonly code = 'SUBSCRIPTION_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(readonly subscriptionId: string) {
    super(`No subscription "${subscriptionId}" is defined.`);
  }
}

/** Never parked by this subscription, or replayed or skipped already. */
export class ParkedEventNotFound extends DomainRuleViolation {
  readonly code = 'PARKED_EVENT_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(
    readonly subscriptionId: string,
    readonly eventId: string,
  ) {
    super(`Subscription "${subscriptionId}" has no parked event ${eventId}.`);
  }
}

/** One rebuild at a time: a second would reset the checkpoint under the first and start it over. */
export class SubscriptionRebuildUnderWay extends DomainRuleViolation {
  readonly code = 'SUBSCRIPTION_REBUILD_UNDER_WAY';
  readonly kind = 'conflict';

  constructor(
    readonly subscriptionId: string,
    readonly requestedAt?: string,
  ) {
    super(`Subscription "${subscriptionId}" is rebuilding already (requested at ${requestedAt ?? 'an earlier time'}).`);
  }
}
