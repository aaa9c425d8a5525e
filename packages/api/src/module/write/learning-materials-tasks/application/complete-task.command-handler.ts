import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { CompleteTaskApplicationCommand } from '../../../shared/commands/complete-task.command';
import { completeTask } from '../domain/complete-task';
import { learningMaterialsTasksStream } from '../domain/events';
import { learningMaterialsTasks } from '../domain/learning-materials-tasks';

export const CompleteTaskCommandHandler = decidingCommandHandler(CompleteTaskApplicationCommand, {
  stream: (command) => learningMaterialsTasksStream(command.data.learningMaterialsId),
  decider: learningMaterialsTasks,
  decide: completeTask,
});
