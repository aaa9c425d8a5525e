import { Controller, HttpCode, HttpStatus, Inject, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../../../shared/auth/jwt-user-id.decorator';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { GenerateLearningMaterialsUrlApplicationCommand } from '../../../../shared/commands/generate-learning-materials-url.command';
import { USERS_PORT, type UsersPort } from '../../application/users.port';
import { NotARegisteredCourseUser } from '../../domain/errors';
import { LearningMaterialsUrlResponse } from './learning-materials-url.response';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';

@ApiTags('learning materials')
@ApiAccessTokenAuth()
@UseGuards(JwtAuthGuard)
@Controller('learning-materials')
export class LearningMaterialsUrlController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    @Inject(USERS_PORT) private readonly usersPort: UsersPort,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Generate the logged-in participant’s learning materials (once per course user)',
    description: 'Synchronous: with process.st configured, answers after process.st started the run.',
  })
  @ApiCreatedResponse({ type: LearningMaterialsUrlResponse })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'NOT_A_REGISTERED_COURSE_USER' })
  @ApiConflictResponse({ type: HttpErrorResponse, description: 'LEARNING_MATERIALS_ALREADY_GENERATED' })
  @ApiBadGatewayResponse({ type: HttpErrorResponse, description: 'PROCESS_ST_FAILED: process.st refused or answered unexpectedly; nothing was recorded' })
  @ApiServiceUnavailableResponse({ type: HttpErrorResponse, description: 'PROCESS_ST_UNAVAILABLE: process.st timed out or is down; nothing was recorded' })
  async generateLearningMaterialsUrl(@JwtUserId() userId: string, @RequestCorrelationId() correlationId: string): Promise<LearningMaterialsUrlResponse> {
    const courseUserId = await this.usersPort.currentCourseUserIdOf(userId);
    if (courseUserId === undefined) throw new NotARegisteredCourseUser(userId);

    const command = this.commandFactory.applicationCommand(() => ({
      class: GenerateLearningMaterialsUrlApplicationCommand,
      type: 'GenerateLearningMaterialsUrl',
      data: { courseUserId },
      metadata: { correlationId },
    }));
    const { id, url } = await this.commandBus.execute(command);
    return { id, url };
  }
}
