import { AutomationSpecification } from '@coderscamp/event-sourcing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenCourseParticipant } from '../../../../test/support/course-participants';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import { WhenLearningMaterialsUrlWasGeneratedThenSendEmailAutomationModule } from './when-learning-materials-url-was-generated-then-send-email.automation-module';

const ada = { userId: 'user-ada', courseUserId: 'course-user-ada', fullName: 'Ada <Lovelace>', emailAddress: 'ada@example.com' };
const generated: LearningMaterialsUrlWasGenerated = {
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId: 'run-ada', courseUserId: ada.courseUserId, materialsUrl: 'https://app.process.st/runs/run-ada' },
};

describe('when learning materials url was generated, then send email', () => {
  let database: ReadModelTestDatabase;
  let spec: AutomationSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    await givenCourseParticipant(database.db, ada);
    spec = await AutomationSpecification.for({ imports: [database.platformModule(), WhenLearningMaterialsUrlWasGeneratedThenSendEmailAutomationModule] });
  });
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  it('when materials were generated, then the participant is mailed the link once, with the event as cause', async () => {
    await spec.whenEventsOccurred('LearningMaterialsUrl_course-user-ada', [generated]);

    expect(spec.executedCommands).toHaveLength(1);
    const [command] = spec.executedCommands;
    expect(command).toMatchObject({
      type: 'SendEmailMessage',
      data: { to: 'ada@example.com', subject: 'Your CodersCamp learning materials', text: expect.stringContaining('https://app.process.st/runs/run-ada') },
      metadata: { correlationId: 'given', causationId: expect.any(String) },
    });
    expect((command.data as { html: string }).html).toContain('Ada &lt;Lovelace&gt;');
    expect((command.data as { emailMessageId: string }).emailMessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('when other events occurred, then no mail is sent', async () => {
    const before = spec.executedCommands.length;

    await spec.whenEventsOccurred('LearningMaterialsTasks_run-ada', [{ type: 'TaskWasCompleted', data: { learningMaterialsId: 'run-ada', taskId: 'task-1' } }]);

    expect(spec.executedCommands).toHaveLength(before);
  });
});
