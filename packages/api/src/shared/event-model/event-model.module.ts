import { Module } from '@nestjs/common';
import { EventModelController } from './event-model.controller';
import { EventModelService } from './event-model.service';

@Module({ controllers: [EventModelController], providers: [EventModelService], exports: [EventModelService] })
export class EventModelModule {}
