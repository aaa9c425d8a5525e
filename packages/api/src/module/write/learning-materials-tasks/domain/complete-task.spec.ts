import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { CompleteTask } from '../../../shared/commands/complete-task.command';
import type { TaskWasCompleted } from '../../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../../shared/events/task-was-uncompleted.event';
import { completeTask } from './complete-task';
import { learningMaterialsTasks } from './learning-materials-tasks';
import { TaskAlreadyCompleted } from './errors';
import { learningMaterialsTasksStream } from './events';

const given = DeciderSpecification.onState(learningMaterialsTasks, completeTask);

const learningMaterialsId = 'sbAPITNMsl2wW6j2cg1H2A';
const complete = (taskId: string): CompleteTask => ({ type: 'CompleteTask', data: { learningMaterialsId, taskId } });
const completed = (taskId: string): TaskWasCompleted => ({ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } });
const uncompleted = (taskId: string): TaskWasUncompleted => ({
  type: 'TaskWasUncompleted',
  data: { learningMaterialsId, taskId },
});

describe('complete task', () => {
  it('given the task was never completed, when completing it, then it was completed', () => {
    given([]).when(complete('task-1')).then([completed('task-1')]);
  });

  it('given the task was completed, when completing it again, then it is refused', () => {
    given([completed('task-1')])
      .when(complete('task-1'))
      .thenThrows(TaskAlreadyCompleted, (error) => {
        expect(error.code).toBe('TASK_ALREADY_COMPLETED');
        expect(error.kind).toBe('conflict');
      });
  });

  it('given the task was completed and uncompleted, when completing it, then it was completed again', () => {
    given([completed('task-1'), uncompleted('task-1')]).when(complete('task-1')).then([completed('task-1')]);
  });

  it('given other tasks were completed, when completing this task, then it was completed', () => {
    given([completed('task-2'), completed('task-3')]).when(complete('task-1')).then([completed('task-1')]);
  });

  it('given this task was completed and another uncompleted, when completing this task, then it is refused', () => {
    given([completed('task-1'), completed('task-2'), uncompleted('task-2')])
      .when(complete('task-1'))
      .thenThrows(TaskAlreadyCompleted);
  });

  it('given learning materials, when naming the tasks stream, then it is LearningMaterialsTasks_<learningMaterialsId>', () => {
    expect(learningMaterialsTasksStream(learningMaterialsId).toString()).toBe('LearningMaterialsTasks_sbAPITNMsl2wW6j2cg1H2A');
  });
});
