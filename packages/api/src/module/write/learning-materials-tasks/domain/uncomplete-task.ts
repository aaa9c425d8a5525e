import type { UncompleteTask } from '../../../shared/commands/uncomplete-task.command';
import { TaskNotCompleted } from './errors';
import type { LearningMaterialsTasksDomainEvent } from './events';
import { isTaskCompleted } from './task-completion';

export function uncompleteTask(
  pastEvents: LearningMaterialsTasksDomainEvent[],
  command: UncompleteTask,
): LearningMaterialsTasksDomainEvent[] {
  const { learningMaterialsId, taskId } = command.data;
  if (!isTaskCompleted(pastEvents, taskId)) {
    throw new TaskNotCompleted(learningMaterialsId, taskId);
  }

  return [{ type: 'TaskWasUncompleted', data: { learningMaterialsId, taskId } }];
}
