import { randomUUID } from 'node:crypto';
import { ANY, type DomainEvent, type EventStore, StreamName } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { RunningApp } from '../../src/create-app';
import type { CourseWasCreated } from '../../src/module/shared/events/course-was-created.event';
import type { CourseUserWasRegistered } from '../../src/module/shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../src/module/shared/events/learning-materials-url-was-generated.event';
import type { TaskWasCompleted } from '../../src/module/shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../src/module/shared/events/task-was-uncompleted.event';
import type { UserRegistrationWasCompleted } from '../../src/module/shared/events/user-registration-was-completed.event';
import type { UserProfileWasChanged } from '../../src/module/shared/events/user-profile-was-changed.event';
import { accessTokenWithSession } from './sessions';

/**
 * Writes what the users and learning slices would write, straight into the app's event store,
 * for tests of features that react to those events (the slices' own tests drive them over HTTP).
 */
export class EventStoreFixtures {
  private readonly eventStore: EventStore;

  constructor(private readonly running: RunningApp) {
    this.eventStore = running.app.get<symbol, EventStore>(EVENT_STORE);
  }

  /** A real access token of an open session, signed by the app's own issuer. */
  tokenFor(userId: string): Promise<string> {
    return accessTokenWithSession(this.running, userId);
  }

  async append(stream: StreamName, event: DomainEvent, correlationId = randomUUID()): Promise<void> {
    await this.eventStore.appendToStream(
      stream,
      [{ ...event, id: randomUUID(), metadata: { correlationId, causationId: randomUUID() }, occurredAt: new Date() }],
      { expectedVersion: ANY },
    );
  }

  async registrationCompleted(userId: string, fullName: string, emailAddress: string): Promise<void> {
    const event: UserRegistrationWasCompleted = {
      type: 'UserRegistrationWasCompleted',
      data: { userId, fullName, emailAddress, hashedPassword: 'scrypt$not-a-real-hash' },
    };
    await this.append(StreamName.of('UserRegistration', userId), event);
  }

  async profileChanged(userId: string, changes: { fullName?: string; image?: string }): Promise<void> {
    const event: UserProfileWasChanged = { type: 'UserProfileWasChanged', data: { userId, ...changes } };
    await this.append(StreamName.of('UserRegistration', userId), event);
  }

  /** A course edition as an administrator would create it; dates are ISO-8601 UTC strings. */
  async courseCreated(data: CourseWasCreated['data']): Promise<void> {
    await this.append(StreamName.of('Course', data.courseId), { type: 'CourseWasCreated', data } satisfies CourseWasCreated);
  }

  /** Registers the user for a course and generates their learning materials; returns the materials' id. */
  async learningMaterialsGenerated(userId: string): Promise<{ courseUserId: string; learningMaterialsId: string }> {
    const courseId = randomUUID();
    const courseUserId = randomUUID();
    const learningMaterialsId = randomUUID();
    const registered: CourseUserWasRegistered = { type: 'CourseUserWasRegistered', data: { userId, courseUserId, courseId } };
    await this.append(StreamName.of('CourseUser', `${courseId}_${userId}`), registered);
    const generated: LearningMaterialsUrlWasGenerated = {
      type: 'LearningMaterialsUrlWasGenerated',
      data: { learningMaterialsId, courseUserId, materialsUrl: `https://materials.example/${learningMaterialsId}` },
    };
    await this.append(StreamName.of('LearningMaterialsUrl', courseUserId), generated);
    return { courseUserId, learningMaterialsId };
  }

  async taskCompleted(learningMaterialsId: string, taskId: string): Promise<void> {
    const event: TaskWasCompleted = { type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } };
    await this.append(StreamName.of('LearningMaterialsTasks', learningMaterialsId), event);
  }

  async taskUncompleted(learningMaterialsId: string, taskId: string): Promise<void> {
    const event: TaskWasUncompleted = { type: 'TaskWasUncompleted', data: { learningMaterialsId, taskId } };
    await this.append(StreamName.of('LearningMaterialsTasks', learningMaterialsId), event);
  }
}
