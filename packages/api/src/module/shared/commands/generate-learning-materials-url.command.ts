import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type GenerateLearningMaterialsUrl = DomainCommand<'GenerateLearningMaterialsUrl', { courseUserId: string }>;

export class GenerateLearningMaterialsUrlApplicationCommand extends AbstractApplicationCommand<GenerateLearningMaterialsUrl> {}
