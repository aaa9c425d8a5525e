import { Module } from '@nestjs/common';
import { CompleteTaskCommandHandler } from './application/complete-task.command-handler';
import { KNOWN_LEARNING_MATERIALS } from './application/known-learning-materials.port';
import { UncompleteTaskCommandHandler } from './application/uncomplete-task.command-handler';
import { LearningMaterialsReadModelKnownLearningMaterials } from './infrastructure/learning-materials.known-learning-materials-adapter';
import { ProcessStEventsController } from './presentation/rest/process-st-events.controller';
import { ProcessStWebhookSecretGuard } from './presentation/rest/process-st-webhook-secret.guard';

@Module({
  controllers: [ProcessStEventsController],
  providers: [
    CompleteTaskCommandHandler,
    UncompleteTaskCommandHandler,
    ProcessStWebhookSecretGuard,
    { provide: KNOWN_LEARNING_MATERIALS, useClass: LearningMaterialsReadModelKnownLearningMaterials },
  ],
})
export class LearningMaterialsTasksWriteModule {}
