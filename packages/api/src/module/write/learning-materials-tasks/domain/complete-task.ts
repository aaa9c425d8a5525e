import type { CompleteTask } from '../../../shared/commands/complete-task.command';
import { TaskAlreadyCompleted } from './errors';
import type { LearningMaterialsTasksDomainEvent } from './events';
import { isTaskCompleted, type LearningMaterialsTasks } from './learning-materials-tasks';

export function completeTask(
  state: LearningMaterialsTasks,
  command: CompleteTask,
): LearningMaterialsTasksDomainEvent[] {
  const { learningMaterialsId, taskId } = command.data;
  if (isTaskCompleted(state, taskId)) {
    throw new TaskAlreadyCompleted(learningMaterialsId, taskId);
  }

  return [{ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } }];
}
