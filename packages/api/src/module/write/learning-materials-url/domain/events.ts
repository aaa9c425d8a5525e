import { StreamName } from '@coderscamp/event-sourcing';
import type { LearningMaterialsUrlWasGenerated } from '../../../shared/events/learning-materials-url-was-generated.event';

// The events on the LearningMaterialsUrl lane of the Event Model.
export type LearningMaterialsUrlDomainEvent = LearningMaterialsUrlWasGenerated;

export function learningMaterialsUrlStream(courseUserId: string): StreamName {
  return StreamName.of('LearningMaterialsUrl', courseUserId);
}
