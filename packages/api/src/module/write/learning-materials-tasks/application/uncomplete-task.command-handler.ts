import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { UncompleteTaskApplicationCommand } from '../../../shared/commands/uncomplete-task.command';
import { uncompleteTask } from '../domain/uncomplete-task';
import { learningMaterialsTasksStream, type LearningMaterialsTasksDomainEvent } from '../domain/events';

@CommandHandler(UncompleteTaskApplicationCommand)
export class UncompleteTaskCommandHandler implements ICommandHandler<UncompleteTaskApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: UncompleteTaskApplicationCommand): Promise<void> {
    await this.applicationService.execute<LearningMaterialsTasksDomainEvent>(
      learningMaterialsTasksStream(command.data.learningMaterialsId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => uncompleteTask(pastEvents, command),
    );
  }
}
