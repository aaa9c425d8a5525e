import { Module } from '@nestjs/common';
import { WhenLearningMaterialsUrlWasGeneratedThenSendEmail } from './when-learning-materials-url-was-generated-then-send-email.automation';

@Module({ providers: [WhenLearningMaterialsUrlWasGeneratedThenSendEmail] })
export class WhenLearningMaterialsUrlWasGeneratedThenSendEmailAutomationModule {}
