import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpDriver, HttpOutcome } from './http-driver';
import type { AcknowledgedCommand } from './invariants';
import { completedTasks, newRegistration, register, taskWebhook, userIdOf, type Participant } from './participants';

export type Operation = Readonly<{ name: string; run: () => Promise<HttpOutcome> }>;

/**
 * The mixed workload of the fault scenarios: registrations, task completions through the process.st
 * webhook (each task once, so every 204 must leave exactly one TaskWasCompleted) and reads.
 * Whatever the app acknowledges with 2xx is recorded for the invariant checks.
 */
export class MixedWorkload {
  readonly acknowledged: AcknowledgedCommand[] = [];
  private readonly operations: Operation[];
  private nextTask = 0;
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly http: HttpDriver,
    options: Readonly<{ registrations: boolean; learners: readonly (Participant & { learningMaterialsId: string })[]; readers: readonly Participant[] }>,
  ) {
    this.operations = [
      ...(options.registrations ? [this.registration()] : []),
      ...options.learners.flatMap((learner) => [this.taskCompletion(learner), this.progressRead(learner)]),
      ...options.readers.map((reader) => this.profileRead(reader)),
    ];
  }

  get isEmpty(): boolean {
    return this.operations.length === 0;
  }

  start(workers: number): void {
    this.running = true;
    this.workers = Array.from({ length: workers }, (_, index) => this.work(index));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async work(offset: number): Promise<void> {
    for (let round = offset; this.running; round++) {
      await this.operations[round % this.operations.length]!.run();
      await sleep(5);
    }
  }

  private registration(): Operation {
    return {
      name: 'register',
      run: async () => {
        const outcome = await register(this.http, newRegistration('load'));
        const userId = userIdOf(outcome);
        if (userId) this.acknowledged.push({ eventType: 'UserRegistrationWasStarted', data: { userId } });
        return outcome;
      },
    };
  }

  private taskCompletion(learner: Participant & { learningMaterialsId: string }): Operation {
    return {
      name: 'complete task',
      run: async () => {
        const taskId = `task-${(this.nextTask++).toString().padStart(6, '0')}`;
        const outcome = await taskWebhook(this.http, learner.learningMaterialsId, taskId, 'Completed');
        if (outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300) {
          this.acknowledged.push({ eventType: 'TaskWasCompleted', data: { learningMaterialsId: learner.learningMaterialsId, taskId } });
        }
        return outcome;
      },
    };
  }

  private progressRead(learner: Participant): Operation {
    return { name: 'read progress', run: () => this.http.send('/api/course-progress', { token: learner.token }) };
  }

  private profileRead(reader: Participant): Operation {
    return { name: 'read profile', run: () => this.http.send('/api/users/me', { token: reader.token }) };
  }
}

/** The course-progress read model agrees with the log: one count per TaskWasCompleted, minus uncompletions. */
export async function progressMatchesLog(
  http: HttpDriver,
  learner: Participant & { learningMaterialsId: string },
  countInLog: (type: string) => Promise<number>,
): Promise<string | null> {
  const [shown, completed, uncompleted] = await Promise.all([
    completedTasks(http, learner.token),
    countInLog('TaskWasCompleted'),
    countInLog('TaskWasUncompleted'),
  ]);
  return shown === completed - uncompleted ? null : `course progress shows ${shown} completed tasks, the log has ${completed} − ${uncompleted}`;
}
