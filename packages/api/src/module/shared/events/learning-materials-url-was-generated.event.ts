import type { DomainEvent } from '@coderscamp/event-sourcing';

export type LearningMaterialsUrlWasGenerated = DomainEvent<
  'LearningMaterialsUrlWasGenerated',
  { learningMaterialsId: string; courseUserId: string; materialsUrl: string }
>;
