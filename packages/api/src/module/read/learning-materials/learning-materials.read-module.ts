import { Module } from '@nestjs/common';
import { LearningMaterialsProjection } from './learning-materials.projection';
import { LearningMaterialsRestController } from './learning-materials.rest-controller';

@Module({ providers: [LearningMaterialsProjection], controllers: [LearningMaterialsRestController] })
export class LearningMaterialsReadModule {}
