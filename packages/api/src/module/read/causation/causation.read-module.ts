import { Module } from '@nestjs/common';
import { EventsAboutUser } from '../shared/events-about-user';
import { CausationController } from './causation.controller';

@Module({ controllers: [CausationController], providers: [EventsAboutUser] })
export class CausationReadModule {}
