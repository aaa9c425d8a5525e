import type { GenerateLearningMaterialsUrl } from '../../../shared/commands/generate-learning-materials-url.command';
import { LearningMaterialsAlreadyGenerated } from './errors';
import type { LearningMaterialsUrlDomainEvent } from './events';

export function generateLearningMaterialsUrl(
  pastEvents: LearningMaterialsUrlDomainEvent[],
  command: GenerateLearningMaterialsUrl,
  learningMaterialsUrl: string,
  learningMaterialsId: string,
): LearningMaterialsUrlDomainEvent[] {
  const { courseUserId } = command.data;
  const state = pastEvents.reduce<{ generated: boolean }>(
    (acc, event) => {
      switch (event.type) {
        case 'LearningMaterialsUrlWasGenerated':
          return { generated: acc.generated || event.data.courseUserId === courseUserId };
        default:
          return acc;
      }
    },
    { generated: false },
  );

  if (state.generated) {
    throw new LearningMaterialsAlreadyGenerated(courseUserId);
  }

  return [
    {
      type: 'LearningMaterialsUrlWasGenerated',
      data: { learningMaterialsId, courseUserId, materialsUrl: learningMaterialsUrl },
    },
  ];
}
