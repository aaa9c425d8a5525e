import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { GenerateLearningMaterialsUrl } from '../../../shared/commands/generate-learning-materials-url.command';
import { LearningMaterialsAlreadyGenerated } from './errors';
import type { LearningMaterialsUrlDomainEvent } from './events';
import { generateLearningMaterialsUrl } from './generate-learning-materials-url';

const learningMaterialsUrl = 'https://app.process.st/runs/sbAPITNMsl2wW6j2cg1H2A/tasks/agcdea_DS_O5B-OgtHXA';
const learningMaterialsId = 'sbAPITNMsl2wW6j2cg1H2A';
const given = DeciderSpecification.for(
  (events: LearningMaterialsUrlDomainEvent[], command: GenerateLearningMaterialsUrl) =>
    generateLearningMaterialsUrl(events, command, learningMaterialsUrl, learningMaterialsId),
);

const courseUserId = 'ca63d023-4cbd-40ca-9f53-f19dbb19b0ab';
const command: GenerateLearningMaterialsUrl = { type: 'GenerateLearningMaterialsUrl', data: { courseUserId } };

describe('generate learning materials url', () => {
  it('given not generated before, when generating, then the url was generated', () => {
    given([])
      .when(command)
      .then([
        {
          type: 'LearningMaterialsUrlWasGenerated',
          data: { learningMaterialsId, courseUserId, materialsUrl: learningMaterialsUrl },
        },
      ]);
  });

  it('given generated before, when generating again, then it is refused', () => {
    given([
      {
        type: 'LearningMaterialsUrlWasGenerated',
        data: {
          learningMaterialsId: 'sbAPITNMsl2wW6j2cg1H2A',
          courseUserId,
          materialsUrl: 'https://app.process.st/runs/sbAPITNMsl2wW6j2cg1H2A/tasks/oFBpTVsw_DS_O5B-OgtHXA',
        },
      },
    ])
      .when(command)
      .thenThrows(LearningMaterialsAlreadyGenerated, (error) => {
        expect(error.code).toBe('LEARNING_MATERIALS_ALREADY_GENERATED');
        expect(error.kind).toBe('conflict');
      });
  });

  it("given another user's materials were generated, when generating for this user, then the url was generated", () => {
    given([
      {
        type: 'LearningMaterialsUrlWasGenerated',
        data: {
          learningMaterialsId: 'anotherRunId',
          courseUserId: 'another-course-user',
          materialsUrl: 'https://app.process.st/runs/anotherRunId',
        },
      },
    ])
      .when(command)
      .then([
        {
          type: 'LearningMaterialsUrlWasGenerated',
          data: { learningMaterialsId, courseUserId, materialsUrl: learningMaterialsUrl },
        },
      ]);
  });
});
