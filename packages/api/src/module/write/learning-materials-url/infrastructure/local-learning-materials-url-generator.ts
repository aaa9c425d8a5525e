import type { IdGenerator } from '@coderscamp/event-sourcing';
import type { GeneratedLearningMaterials, LearningMaterialsUrlGenerator } from '../application/learning-materials-url-generator.port';

/** Without process.st (development, demos): materials are a page of this app, one id per participant. */
export class LocalLearningMaterialsUrlGenerator implements LearningMaterialsUrlGenerator {
  constructor(
    private readonly appUrl: string,
    private readonly idGenerator: IdGenerator,
  ) {}

  async generateUrlFor(): Promise<GeneratedLearningMaterials> {
    const id = this.idGenerator.generate();
    return { id, url: `${this.appUrl.replace(/\/+$/, '')}/learning-materials/${id}` };
  }
}
