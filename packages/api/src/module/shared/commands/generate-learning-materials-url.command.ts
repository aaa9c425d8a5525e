import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type GenerateLearningMaterialsUrl = DomainCommand<'GenerateLearningMaterialsUrl', { courseUserId: string }>;

/** `id` identifies the materials everywhere else (process.st calls it the run id). */
export type GeneratedLearningMaterials = Readonly<{ id: string; url: string }>;

export class GenerateLearningMaterialsUrlApplicationCommand extends AbstractApplicationCommand<GenerateLearningMaterialsUrl, GeneratedLearningMaterials> {}
