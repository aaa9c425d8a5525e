import type { Upcaster } from '@coderscamp/event-sourcing';
import { EMAIL_MESSAGE_WAS_SENT_V1_TO_V2 } from './events/email-message-was-sent.event';

/**
 * Every schema change of an event the platform stores, oldest first per type: the event store
 * lifts each stored event to its newest shape through these, on every read path (ADR 0020).
 */
export const UPCASTERS: readonly Upcaster[] = [EMAIL_MESSAGE_WAS_SENT_V1_TO_V2];
