import type { CompleteTask } from '../../../shared/commands/complete-task.command';
import { TaskAlreadyCompleted } from './errors';
import type { LearningMaterialsTasksDomainEvent } from './events';
import { isTaskCompleted } from './task-completion';

export function completeTask(
  pastEvents: LearningMaterialsTasksDomainEvent[],
  command: CompleteTask,
): LearningMaterialsTasksDomainEvent[] {
  const { learningMaterialsId, taskId } = command.data;
  if (isTaskCompleted(pastEvents, taskId)) {
    throw new TaskAlreadyCompleted(learningMaterialsId, taskId);
  }

  return [{ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } }];
}
