import { Module } from '@nestjs/common';
import { EventsAboutUser } from '../shared/events-about-user';
import { PersonalDataExportController } from './personal-data-export.controller';

/** No projection: the export reads the log itself, so it holds every event, not what a read model kept. */
@Module({ controllers: [PersonalDataExportController], providers: [EventsAboutUser] })
export class PersonalDataExportReadModule {}
