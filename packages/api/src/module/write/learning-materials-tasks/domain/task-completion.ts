import type { LearningMaterialsTasksDomainEvent } from './events';

/** Whether one task is completed now; other tasks' events do not touch it. */
export function isTaskCompleted(pastEvents: LearningMaterialsTasksDomainEvent[], taskId: string): boolean {
  return pastEvents.reduce((completed, event) => {
    if (event.data.taskId !== taskId) return completed;
    switch (event.type) {
      case 'TaskWasCompleted':
        return true;
      case 'TaskWasUncompleted':
        return false;
      default:
        return completed;
    }
  }, false);
}
