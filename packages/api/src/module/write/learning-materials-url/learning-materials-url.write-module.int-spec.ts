import { testCommand } from '@coderscamp/event-sourcing/testing';
import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { givenCourseParticipant, givenEnrolledWithoutAccount } from '../../../../test/support/course-participants';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { GenerateLearningMaterialsUrlApplicationCommand, type GeneratedLearningMaterials } from '../../shared/commands/generate-learning-materials-url.command';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import { LEARNING_MATERIALS_URL_GENERATOR, type LearningMaterialsUrlGenerator } from './application/learning-materials-url-generator.port';
import { LearningMaterialsAlreadyGenerated, NotARegisteredCourseUser } from './domain/errors';
import { learningMaterialsUrlStream } from './domain/events';
import { ProcessStUnavailable } from './infrastructure/process-st.errors';
import { LearningMaterialsUrlWriteModule } from './learning-materials-url.write-module';

/** Stands in for process.st: hands out runs in order and records who asked. */
class FixedUrlGenerator implements LearningMaterialsUrlGenerator {
  readonly requestedFor: string[] = [];
  failWith: Error | undefined;

  async generateUrlFor(userFullName: string): Promise<GeneratedLearningMaterials> {
    this.requestedFor.push(userFullName);
    if (this.failWith) throw this.failWith;
    const id = `run-${this.requestedFor.length}`;
    return { id, url: `https://app.process.st/runs/${id}` };
  }
}

const ada = { userId: 'user-ada', courseUserId: 'course-user-ada', fullName: 'Ada Lovelace', emailAddress: 'ada@example.com' };
const alan = { userId: 'user-alan', courseUserId: 'course-user-alan', fullName: 'Alan Turing', emailAddress: 'alan@example.com' };

const generate = (courseUserId: string) =>
  testCommand({ class: GenerateLearningMaterialsUrlApplicationCommand, type: 'GenerateLearningMaterialsUrl', data: { courseUserId }, metadata: { correlationId: 'request-1' } });
const generated = (courseUserId: string, id: string): LearningMaterialsUrlWasGenerated => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId: id, courseUserId, materialsUrl: `https://app.process.st/runs/${id}` },
});

describe('learning-materials-url write module', () => {
  let database: ReadModelTestDatabase;
  let urlGenerator: FixedUrlGenerator;
  let spec: WriteModuleSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    await givenCourseParticipant(database.db, ada);
    await givenCourseParticipant(database.db, alan);
    await givenEnrolledWithoutAccount(database.db, 'user-grace', 'course-user-grace');
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    urlGenerator = new FixedUrlGenerator();
    spec = await WriteModuleSpecification.for({
      imports: [database.platformModule(), LearningMaterialsUrlWriteModule],
      providers: [{ provide: LEARNING_MATERIALS_URL_GENERATOR, useValue: urlGenerator }],
    });
  });
  afterEach(() => spec.close());

  it('given a registered course user without materials, when generating, then a run named after them was generated', async () => {
    await spec.whenCommandExecuted(generate(ada.courseUserId));

    await spec.thenEventsPublished('LearningMaterialsUrl_course-user-ada', [generated(ada.courseUserId, 'run-1')]);
    expect(urlGenerator.requestedFor).toEqual(['Ada Lovelace']);
  });

  it('given materials generated before, when generating again, then it is refused without starting another run', async () => {
    await spec.givenEventsOccurred('LearningMaterialsUrl_course-user-ada', [generated(ada.courseUserId, 'run-0')]);

    await spec.whenCommandExecuted(generate(ada.courseUserId));

    await spec.thenCommandFailed(LearningMaterialsAlreadyGenerated, (error) => expect(error.code).toBe('LEARNING_MATERIALS_ALREADY_GENERATED'));
    expect(urlGenerator.requestedFor).toEqual([]);
  });

  it("given another user's materials were generated, when generating for this user, then they are generated", async () => {
    await spec.givenEventsOccurred('LearningMaterialsUrl_course-user-alan', [generated(alan.courseUserId, 'run-0')]);

    await spec.whenCommandExecuted(generate(ada.courseUserId));

    await spec.thenEventsPublished('LearningMaterialsUrl_course-user-ada', [generated(ada.courseUserId, 'run-1')]);
  });

  it('given a course user whose registration was not completed, when generating, then it is forbidden and no run is started', async () => {
    await spec.whenCommandExecuted(generate('course-user-grace'));

    await spec.thenCommandFailed(NotARegisteredCourseUser, (error) => expect(error.kind).toBe('forbidden'));
    expect(urlGenerator.requestedFor).toEqual([]);
  });

  it('given an unknown course user, when generating, then it is forbidden', async () => {
    await spec.whenCommandExecuted(generate('course-user-nobody'));

    await spec.thenCommandFailed(NotARegisteredCourseUser);
  });

  it('given process.st is unavailable, when generating, then the failure is reported and nothing is recorded', async () => {
    urlGenerator.failWith = new ProcessStUnavailable('no answer within 5000 ms');

    await spec.whenCommandExecuted(generate(ada.courseUserId));

    await spec.thenCommandFailed(ProcessStUnavailable);
    expect((await spec.eventStore.readStream(learningMaterialsUrlStream(ada.courseUserId))).events).toEqual([]);
  });
});
