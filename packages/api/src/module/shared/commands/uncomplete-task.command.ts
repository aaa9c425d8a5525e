import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type UncompleteTask = DomainCommand<'UncompleteTask', { learningMaterialsId: string; taskId: string }>;

export class UncompleteTaskApplicationCommand extends AbstractApplicationCommand<UncompleteTask> {}
