import type { FactoryProvider } from '@nestjs/common';
import type { IdGenerator } from '@coderscamp/event-sourcing';
import { ID_GENERATOR } from '@coderscamp/event-sourcing/nestjs';
import { AppConfig } from '../../../../shared/config/app-config';
import { AppUrl } from '../../../../shared/config/app-url';
import { LEARNING_MATERIALS_URL_GENERATOR, type LearningMaterialsUrlGenerator } from '../application/learning-materials-url-generator.port';
import { LocalLearningMaterialsUrlGenerator } from './local.learning-materials-url-generator-adapter';
import { ProcessStLearningMaterialsUrlGenerator } from './process-st.learning-materials-url-generator-adapter';

/** process.st when an API key is configured (the configuration requires a workflow with it), local otherwise. */
export const learningMaterialsUrlGeneratorProvider: FactoryProvider<LearningMaterialsUrlGenerator> = {
  provide: LEARNING_MATERIALS_URL_GENERATOR,
  inject: [AppConfig, AppUrl, ID_GENERATOR],
  useFactory: (config: AppConfig, appUrl: AppUrl, idGenerator: IdGenerator) => {
    const { apiKey, workflowId, baseUrl, timeoutMs } = config.processSt;
    if (apiKey === undefined || workflowId === undefined) {
      return new LocalLearningMaterialsUrlGenerator(appUrl, idGenerator);
    }
    return new ProcessStLearningMaterialsUrlGenerator({ baseUrl, apiKey, workflowId, timeoutMs });
  },
};
