import type { DomainEvent } from '@coderscamp/event-sourcing';

/** An administrator (`skippedBy`) took a parked event off a subscription's list without it being handled. */
export type ParkedEventWasSkipped = DomainEvent<'ParkedEventWasSkipped', { subscriptionId: string; eventId: string; skippedBy: string }>;
