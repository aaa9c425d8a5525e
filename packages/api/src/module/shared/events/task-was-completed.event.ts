import type { DomainEvent } from '@coderscamp/event-sourcing';

export type TaskWasCompleted = DomainEvent<'TaskWasCompleted', { learningMaterialsId: string; taskId: string }>;
