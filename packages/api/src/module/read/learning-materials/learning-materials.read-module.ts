import { Module } from '@nestjs/common';
import { LearningMaterialsProjection } from './learning-materials.projection';
import { LearningMaterialsController } from './learning-materials.controller';

@Module({ providers: [LearningMaterialsProjection], controllers: [LearningMaterialsController] })
export class LearningMaterialsReadModule {}
