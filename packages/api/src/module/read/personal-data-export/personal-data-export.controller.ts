import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../shared/auth/jwt-user-id.decorator';
import { EventsAboutUser } from '../shared/events-about-user';
import { MAX_EXPORTED_EVENTS, personalDataExport } from './personal-data-export';
import { PersonalDataExportResponse } from './personal-data-export.response';

@ApiTags('users')
@ApiAccessTokenAuth()
@Controller('users/me/export')
@UseGuards(JwtAuthGuard)
export class PersonalDataExportController {
  constructor(private readonly eventsAboutUser: EventsAboutUser) {}

  @Get()
  @ApiOperation({
    summary: 'Everything the platform holds about you (GDPR Art. 15 and 20)',
    description: 'Your profile and account, and every event about you (registration, confirmations, sessions, password changes, mails, course and tasks), decrypted, as JSON.',
  })
  @ApiOkResponse({ type: PersonalDataExportResponse })
  async export(@JwtUserId() userId: string): Promise<PersonalDataExportResponse> {
    // Every stream holds an event, so no export needs more streams than it may hold events.
    return personalDataExport(userId, await this.eventsAboutUser.of(userId, MAX_EXPORTED_EVENTS), new Date());
  }
}
