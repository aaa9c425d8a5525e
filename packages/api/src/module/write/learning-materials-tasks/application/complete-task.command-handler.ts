import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { CompleteTaskApplicationCommand } from '../../../shared/commands/complete-task.command';
import { completeTask } from '../domain/complete-task';
import { learningMaterialsTasksStream, type LearningMaterialsTasksDomainEvent } from '../domain/events';

@CommandHandler(CompleteTaskApplicationCommand)
export class CompleteTaskCommandHandler implements ICommandHandler<CompleteTaskApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: CompleteTaskApplicationCommand): Promise<void> {
    await this.applicationService.execute<LearningMaterialsTasksDomainEvent>(
      learningMaterialsTasksStream(command.data.learningMaterialsId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => completeTask(pastEvents, command),
    );
  }
}
