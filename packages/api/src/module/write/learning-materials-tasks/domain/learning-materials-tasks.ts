import type { Decider } from '@coderscamp/event-sourcing';
import type { LearningMaterialsTasksDomainEvent } from './events';

/** Which tasks are completed now: all the commands on the stream need to know. */
export type LearningMaterialsTasks = Readonly<{ completedTaskIds: readonly string[] }>;

/**
 * The stream grows with every completion and undo, the state only with the checklist: snapshots
 * keep a command's read at most 100 events long.
 */
export const learningMaterialsTasks: Decider<LearningMaterialsTasks, LearningMaterialsTasksDomainEvent> = {
  initialState: () => ({ completedTaskIds: [] }),
  evolve: (state, event) => {
    const others = state.completedTaskIds.filter((taskId) => taskId !== event.data.taskId);
    switch (event.type) {
      case 'TaskWasCompleted':
        return { completedTaskIds: [...others, event.data.taskId] };
      case 'TaskWasUncompleted':
        return { completedTaskIds: others };
      default:
        return state;
    }
  },
  snapshots: { name: 'LearningMaterialsTasks', schemaVersion: 1, everyEvents: 100 },
};

export function isTaskCompleted(state: LearningMaterialsTasks, taskId: string): boolean {
  return state.completedTaskIds.includes(taskId);
}
