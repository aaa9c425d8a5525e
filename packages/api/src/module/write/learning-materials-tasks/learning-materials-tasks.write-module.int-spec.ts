import { StreamName, type ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { testCommand } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import { writeModuleOnReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { CompleteTaskApplicationCommand } from '../../shared/commands/complete-task.command';
import { UncompleteTaskApplicationCommand } from '../../shared/commands/uncomplete-task.command';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import { TaskAlreadyCompleted, TaskNotCompleted } from './domain/errors';
import { learningMaterialsTasks } from './domain/learning-materials-tasks';
import { LearningMaterialsTasksWriteModule } from './learning-materials-tasks.write-module';

const learningMaterialsId = 'run-1';
const stream = 'LearningMaterialsTasks_run-1';
const metadata = { correlationId: 'webhook-delivery-1' };
const complete = (taskId: string) => testCommand({ class: CompleteTaskApplicationCommand, type: 'CompleteTask', data: { learningMaterialsId, taskId }, metadata: metadata });
const uncomplete = (taskId: string) =>
  testCommand({ class: UncompleteTaskApplicationCommand, type: 'UncompleteTask', data: { learningMaterialsId, taskId }, id: 'command-2', metadata: metadata });
const completed = (taskId: string): TaskWasCompleted => ({ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } });
const uncompleted = (taskId: string): TaskWasUncompleted => ({ type: 'TaskWasUncompleted', data: { learningMaterialsId, taskId } });

describe('learning-materials-tasks write module', () => {
  const slice = writeModuleOnReadModelTestDatabase({ imports: [LearningMaterialsTasksWriteModule] });

  it('given the task was never completed, when completing it, then it was completed', async () => {
    await slice.spec.whenCommandExecuted(complete('task-1'));

    await slice.spec.thenEventsPublished(stream, [completed('task-1')]);
  });

  it('given the task was completed, when completing it again, then it is refused', async () => {
    await slice.spec.givenEventsOccurred(stream, [completed('task-1')]);

    await slice.spec.whenCommandExecuted(complete('task-1'));

    await slice.spec.thenCommandFailed(TaskAlreadyCompleted, (error) => expect(error.code).toBe('TASK_ALREADY_COMPLETED'));
  });

  it('given the task was completed, when uncompleting it, then it was uncompleted', async () => {
    await slice.spec.givenEventsOccurred(stream, [completed('task-1'), completed('task-2')]);

    await slice.spec.whenCommandExecuted(uncomplete('task-1'));

    await slice.spec.thenEventsPublished(stream, [uncompleted('task-1')]);
  });

  it('given the task was never completed, when uncompleting it, then it is refused', async () => {
    await slice.spec.givenEventsOccurred(stream, [completed('task-2')]);

    await slice.spec.whenCommandExecuted(uncomplete('task-1'));

    await slice.spec.thenCommandFailed(TaskNotCompleted, (error) => expect(error.code).toBe('TASK_NOT_COMPLETED'));
  });

  it('given the task was completed and uncompleted, when completing it, then it was completed again', async () => {
    await slice.spec.givenEventsOccurred(stream, [completed('task-1'), uncompleted('task-1')]);

    await slice.spec.whenCommandExecuted(complete('task-1'));

    await slice.spec.thenEventsPublished(stream, [completed('task-1')]);
  });

  it('given tasks of other learning materials were completed, when completing the same task id here, then it was completed', async () => {
    await slice.spec.givenEventsOccurred('LearningMaterialsTasks_run-2', [
      { type: 'TaskWasCompleted', data: { learningMaterialsId: 'run-2', taskId: 'task-1' } },
    ]);

    await slice.spec.whenCommandExecuted(complete('task-1'));

    await slice.spec.thenEventsPublished(stream, [completed('task-1')]);
  });

  it('given a long history of completions and undos, when completing a task, then the state it was decided on is snapshotted, and a completed task stays completed', async () => {
    // 125 events: tasks 0–49 completed and undone, then the odd ones completed again.
    const history = [
      ...Array.from({ length: 50 }, (_, i) => completed(`task-${i}`)),
      ...Array.from({ length: 50 }, (_, i) => uncompleted(`task-${i}`)),
      ...Array.from({ length: 25 }, (_, i) => completed(`task-${2 * i + 1}`)),
    ];
    await slice.spec.givenEventsOccurred(stream, history);

    await slice.spec.whenCommandExecuted(complete('task-50'));
    await slice.spec.module.get<ApplicationService>(APPLICATION_SERVICE).snapshotsSaved();

    const { snapshot } = await slice.spec.eventStore.readStreamFromSnapshot(StreamName.from(stream), learningMaterialsTasks.snapshots!);
    expect(snapshot?.version).toBe(history.length);
    expect(snapshot?.state).toEqual({ completedTaskIds: Array.from({ length: 25 }, (_, i) => `task-${2 * i + 1}`) });
    await slice.spec.whenCommandExecuted(complete('task-49'));
    await slice.spec.thenCommandFailed(TaskAlreadyCompleted);
  });
});
