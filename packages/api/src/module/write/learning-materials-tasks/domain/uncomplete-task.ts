import type { UncompleteTask } from '../../../shared/commands/uncomplete-task.command';
import { TaskNotCompleted } from './errors';
import type { LearningMaterialsTasksDomainEvent } from './events';
import { isTaskCompleted, type LearningMaterialsTasks } from './learning-materials-tasks';

export function uncompleteTask(
  state: LearningMaterialsTasks,
  command: UncompleteTask,
): LearningMaterialsTasksDomainEvent[] {
  const { learningMaterialsId, taskId } = command.data;
  if (!isTaskCompleted(state, taskId)) {
    throw new TaskNotCompleted(learningMaterialsId, taskId);
  }

  return [{ type: 'TaskWasUncompleted', data: { learningMaterialsId, taskId } }];
}
