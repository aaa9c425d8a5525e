import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { CreateCourseApplicationCommand } from '../../../../shared/commands/create-course.command';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../../../shared/auth/roles.guard';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { CreatedCourseResponse } from './created-course.response';
import { CreateCourseRequest } from './create-course.request';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';

@ApiTags('courses')
@ApiAccessTokenAuth()
@Controller('courses')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class CourseController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a course edition (admins)' })
  @ApiCreatedResponse({ type: CreatedCourseResponse })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED, MALFORMED_JSON or COURSE_ENDS_BEFORE_IT_STARTS' })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'FORBIDDEN: not an admin' })
  async create(@Body() request: CreateCourseRequest, @RequestCorrelationId() correlationId: string): Promise<CreatedCourseResponse> {
    const command = this.commandFactory.applicationCommand((ids) => ({
      class: CreateCourseApplicationCommand,
      type: 'CreateCourse',
      data: { courseId: ids.generate(), name: request.name, startsAt: request.startsAt, endsAt: request.endsAt },
      metadata: { correlationId },
    }));
    const created = await this.commandBus.execute(command);
    return { id: created.courseId, name: created.name, startsAt: created.startsAt, endsAt: created.endsAt };
  }
}
