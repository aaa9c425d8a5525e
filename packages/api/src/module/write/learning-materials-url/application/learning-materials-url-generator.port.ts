export const LEARNING_MATERIALS_URL_GENERATOR = Symbol('LEARNING_MATERIALS_URL_GENERATOR');

/** `id` identifies the materials everywhere else (process.st calls it the run id). */
export type GeneratedLearningMaterials = Readonly<{ id: string; url: string }>;

export interface LearningMaterialsUrlGenerator {
  /** Creates a participant's own copy of the materials; every call creates another one. */
  generateUrlFor(userFullName: string): Promise<GeneratedLearningMaterials>;
}
