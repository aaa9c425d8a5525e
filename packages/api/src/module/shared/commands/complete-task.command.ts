import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type CompleteTask = DomainCommand<'CompleteTask', { learningMaterialsId: string; taskId: string }>;

export class CompleteTaskApplicationCommand extends AbstractApplicationCommand<CompleteTask> {}
