import { StreamName } from '@coderscamp/event-sourcing';
import type { TaskWasCompleted } from '../../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../../shared/events/task-was-uncompleted.event';

export type LearningMaterialsTasksDomainEvent = TaskWasCompleted | TaskWasUncompleted;

export function learningMaterialsTasksStream(learningMaterialsId: string): StreamName {
  return StreamName.of('LearningMaterialsTasks', learningMaterialsId);
}
