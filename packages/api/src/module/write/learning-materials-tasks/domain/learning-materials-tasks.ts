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
  // Each event copies the list at most once: every command on the stream evolves the state by the event it appended.
  evolve: (state, event) => {
    const { taskId } = event.data;
    switch (event.type) {
      case 'TaskWasCompleted':
        return isTaskCompleted(state, taskId) ? state : { completedTaskIds: [...state.completedTaskIds, taskId] };
      case 'TaskWasUncompleted':
        return isTaskCompleted(state, taskId) ? { completedTaskIds: state.completedTaskIds.filter((completed) => completed !== taskId) } : state;
      default:
        return state;
    }
  },
  snapshots: { name: 'LearningMaterialsTasks', schemaVersion: 1, everyEvents: 100 },
};

export function isTaskCompleted(state: LearningMaterialsTasks, taskId: string): boolean {
  return state.completedTaskIds.includes(taskId);
}
