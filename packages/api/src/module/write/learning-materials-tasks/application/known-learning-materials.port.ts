export const KNOWN_LEARNING_MATERIALS = Symbol('KNOWN_LEARNING_MATERIALS');

/** Whether learning materials with this id were generated here; process.st may report runs we never started. */
export interface KnownLearningMaterials {
  exists(learningMaterialsId: string): Promise<boolean>;
}
