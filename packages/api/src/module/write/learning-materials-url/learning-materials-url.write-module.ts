import { Module } from '@nestjs/common';
import { GenerateLearningMaterialsUrlCommandHandler } from './application/generate-learning-materials-url.command-handler';
import { USERS_PORT } from './application/users.port';
import { CourseParticipantsUsersAdapter } from './infrastructure/course-participants.users-adapter';
import { learningMaterialsUrlGeneratorProvider } from './infrastructure/learning-materials-url-generator.provider';
import { LearningMaterialsUrlController } from './presentation/rest/learning-materials-url.controller';

@Module({
  controllers: [LearningMaterialsUrlController],
  providers: [
    GenerateLearningMaterialsUrlCommandHandler,
    { provide: USERS_PORT, useClass: CourseParticipantsUsersAdapter },
    learningMaterialsUrlGeneratorProvider,
  ],
})
export class LearningMaterialsUrlWriteModule {}
