import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * The user's personal fields stored before personal data was encrypted were overwritten with the
 * erased marker: the one rewrite of stored events the platform makes, recorded in the log by the
 * rewrite itself (stream `PersonalDataErasure_<userId>`). Holds no personal data.
 */
export type PlaintextPersonalDataWasErased = DomainEvent<'PlaintextPersonalDataWasErased', { userId: string }>;
