import type { DomainEvent } from '@coderscamp/event-sourcing';

export type TaskWasUncompleted = DomainEvent<'TaskWasUncompleted', { learningMaterialsId: string; taskId: string }>;
