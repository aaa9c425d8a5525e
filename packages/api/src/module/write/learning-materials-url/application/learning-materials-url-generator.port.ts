import type { GeneratedLearningMaterials } from '../../../shared/commands/generate-learning-materials-url.command';

export const LEARNING_MATERIALS_URL_GENERATOR = Symbol('LEARNING_MATERIALS_URL_GENERATOR');

export interface LearningMaterialsUrlGenerator {
  /** Creates a participant's own copy of the materials; every call creates another one. */
  generateUrlFor(userFullName: string): Promise<GeneratedLearningMaterials>;
}
