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
  ensureLearningMaterialsUrlCanBeGenerated(pastEvents, courseUserId);

  return [
    {
      type: 'LearningMaterialsUrlWasGenerated',
      data: { learningMaterialsId, courseUserId, materialsUrl: learningMaterialsUrl },
    },
  ];
}

/**
 * The invariant on its own: generating the url costs a call to process.st, so the handler asks
 * before paying for it; the decision above asks again on the events it appends after.
 */
export function ensureLearningMaterialsUrlCanBeGenerated(pastEvents: LearningMaterialsUrlDomainEvent[], courseUserId: string): void {
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
}
