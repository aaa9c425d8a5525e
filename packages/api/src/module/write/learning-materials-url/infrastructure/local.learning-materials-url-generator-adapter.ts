import type { IdGenerator } from '@coderscamp/event-sourcing';
import type { AppUrl } from '../../../../shared/config/app-url';
import type { GeneratedLearningMaterials } from '../../../shared/commands/generate-learning-materials-url.command';
import type { LearningMaterialsUrlGenerator } from '../application/learning-materials-url-generator.port';

/** Without process.st (development, demos): materials are a page of this app, one id per participant. */
export class LocalLearningMaterialsUrlGenerator implements LearningMaterialsUrlGenerator {
  constructor(
    private readonly appUrl: AppUrl,
    private readonly idGenerator: IdGenerator,
  ) {}

  async generateUrlFor(): Promise<GeneratedLearningMaterials> {
    const id = this.idGenerator.generate();
    return { id, url: `${(await this.appUrl.resolve()).replace(/\/+$/, '')}/learning-materials/${id}` };
  }
}
