import { Module } from '@nestjs/common';
import { CausationController } from './causation.controller';

@Module({ controllers: [CausationController] })
export class CausationReadModule {}
