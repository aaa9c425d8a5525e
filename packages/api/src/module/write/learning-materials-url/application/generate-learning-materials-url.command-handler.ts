import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, EventStore } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE, EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import {
  GenerateLearningMaterialsUrlApplicationCommand,
  type GeneratedLearningMaterials,
} from '../../../shared/commands/generate-learning-materials-url.command';
import { NotARegisteredCourseUser } from '../domain/errors';
import { learningMaterialsUrlStream, type LearningMaterialsUrlDomainEvent } from '../domain/events';
import { ensureLearningMaterialsUrlCanBeGenerated, generateLearningMaterialsUrl } from '../domain/generate-learning-materials-url';
import { LEARNING_MATERIALS_URL_GENERATOR, type LearningMaterialsUrlGenerator } from './learning-materials-url-generator.port';
import { USERS_PORT, type UsersPort } from './users.port';

@CommandHandler(GenerateLearningMaterialsUrlApplicationCommand)
export class GenerateLearningMaterialsUrlCommandHandler
  implements ICommandHandler<GenerateLearningMaterialsUrlApplicationCommand, GeneratedLearningMaterials>
{
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LEARNING_MATERIALS_URL_GENERATOR) private readonly urlGenerator: LearningMaterialsUrlGenerator,
    @Inject(USERS_PORT) private readonly usersPort: UsersPort,
  ) {}

  async execute(command: GenerateLearningMaterialsUrlApplicationCommand): Promise<GeneratedLearningMaterials> {
    const { courseUserId } = command.data;
    const userFullName = await this.usersPort.fullNameOf(courseUserId);
    if (userFullName === undefined) throw new NotARegisteredCourseUser(courseUserId);

    const stream = learningMaterialsUrlStream(courseUserId);
    // Every generation starts a process.st run: refuse before starting one that could never be recorded.
    const { events } = await this.eventStore.readStream<LearningMaterialsUrlDomainEvent>(stream);
    ensureLearningMaterialsUrlCanBeGenerated(events, courseUserId);

    const materials = await this.urlGenerator.generateUrlFor(userFullName);
    await this.applicationService.handle<LearningMaterialsUrlDomainEvent>(
      stream,
      command,
      (pastEvents) => generateLearningMaterialsUrl(pastEvents, command, materials.url, materials.id),
    );
    return materials;
  }
}
