import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { UncompleteTaskApplicationCommand } from '../../../shared/commands/uncomplete-task.command';
import { uncompleteTask } from '../domain/uncomplete-task';
import { learningMaterialsTasksStream } from '../domain/events';
import { learningMaterialsTasks } from '../domain/learning-materials-tasks';

export const UncompleteTaskCommandHandler = decidingCommandHandler(UncompleteTaskApplicationCommand, {
  stream: (command) => learningMaterialsTasksStream(command.data.learningMaterialsId),
  decider: learningMaterialsTasks,
  decide: uncompleteTask,
});
