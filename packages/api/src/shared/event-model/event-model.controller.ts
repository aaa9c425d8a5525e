import { Controller, Get, HttpStatus, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponse } from '../api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../api-docs/api-security.decorators';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { Roles } from '../auth/roles.decorator';
import { RolesGuard } from '../auth/roles.guard';
import type { EventModel } from './event-model';
import type { EventModelFigures } from './event-model-figures';
import { EventModelFiguresResponse } from './event-model-figures.response';
import { EventModelResponse } from './event-model.response';
import { EventModelService } from './event-model.service';
import { SourceFactsMissingError } from './source-facts-file';

@ApiTags('admin')
@ApiAccessTokenAuth()
@Controller('admin/event-model')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class EventModelController {
  constructor(private readonly eventModel: EventModelService) {}

  @Get()
  @ApiOperation({ summary: 'The Event Model of the running code, with its consistency problems (admins)' })
  @ApiOkResponse({ type: EventModelResponse })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    ['EVENT_MODEL_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'EVENT_STORE_UNAVAILABLE'],
    'the build wrote no source facts for this server, or the database is temporarily unavailable',
  )
  async get(): Promise<EventModel> {
    try {
      return await this.eventModel.current();
    } catch (error) {
      if (error instanceof SourceFactsMissingError) throw new ServiceUnavailableException({ code: 'EVENT_MODEL_UNAVAILABLE', message: error.message });
      throw error;
    }
  }

  @Get('figures')
  @ApiOperation({ summary: "Live figures for the Event Model's board: commands handled and rejected by code since this instance started, each subscription's state, lag and parked events (admins)" })
  @ApiOkResponse({ type: EventModelFiguresResponse })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.SERVICE_UNAVAILABLE, ['DATABASE_UNAVAILABLE', 'EVENT_STORE_UNAVAILABLE'], 'the database is temporarily unavailable')
  figures(): Promise<EventModelFigures> {
    return this.eventModel.figures();
  }
}
