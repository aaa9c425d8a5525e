import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { UncompleteTask } from '../../../shared/commands/uncomplete-task.command';
import type { TaskWasCompleted } from '../../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../../shared/events/task-was-uncompleted.event';
import { TaskNotCompleted } from './errors';
import { uncompleteTask } from './uncomplete-task';
import { learningMaterialsTasks } from './learning-materials-tasks';

const given = DeciderSpecification.onState(learningMaterialsTasks, uncompleteTask);

const learningMaterialsId = 'sbAPITNMsl2wW6j2cg1H2A';
const uncomplete = (taskId: string): UncompleteTask => ({ type: 'UncompleteTask', data: { learningMaterialsId, taskId } });
const completed = (taskId: string): TaskWasCompleted => ({ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } });
const uncompleted = (taskId: string): TaskWasUncompleted => ({
  type: 'TaskWasUncompleted',
  data: { learningMaterialsId, taskId },
});

describe('uncomplete task', () => {
  it('given the task was completed, when uncompleting it, then it was uncompleted', () => {
    given([completed('task-1')]).when(uncomplete('task-1')).then([uncompleted('task-1')]);
  });

  it('given the task was never completed, when uncompleting it, then it is refused', () => {
    given([])
      .when(uncomplete('task-1'))
      .thenThrows(TaskNotCompleted, (error) => {
        expect(error.code).toBe('TASK_NOT_COMPLETED');
        expect(error.kind).toBe('conflict');
      });
  });

  it('given the task was completed and uncompleted, when uncompleting it again, then it is refused', () => {
    given([completed('task-1'), uncompleted('task-1')]).when(uncomplete('task-1')).thenThrows(TaskNotCompleted);
  });

  it('given only other tasks were completed, when uncompleting this task, then it is refused', () => {
    given([completed('task-2')]).when(uncomplete('task-1')).thenThrows(TaskNotCompleted);
  });

  it('given this and another task were completed, when uncompleting this task, then only it was uncompleted', () => {
    given([completed('task-1'), completed('task-2')]).when(uncomplete('task-1')).then([uncompleted('task-1')]);
  });
});
