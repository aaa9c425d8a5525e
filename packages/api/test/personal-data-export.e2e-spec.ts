import { randomUUID } from 'node:crypto';
import { ApplicationCommandFactory, type EventStore } from '@coderscamp/event-sourcing';
import { LOG_START } from '@coderscamp/event-sourcing/adapters';
import { ApplicationCommandBus, EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from '../src/cli/commands';
import { runCli } from '../src/cli/run-cli';
import { SendEmailMessageApplicationCommand } from '../src/module/shared/commands/send-email-message.command';
import { appendEventsBeforeEncryption, type PersonBeforeEncryption } from './support/events-before-encryption';
import { accessTokenWithSession } from './support/sessions';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { testAppPerFile } from './support/test-app';
import { countStoredEvents, registerConfirmedUser, type TestUser } from './support/users';

type ExportedEvent = { globalPosition: number; stream: string; type: string; occurredAt: string; data: Record<string, unknown> };
type Export = {
  userId: string;
  profile: { fullName: string | null; email: string | null; image: string | null };
  account: { role: string; emailConfirmed: boolean; registeredAt: string | null };
  events: ExportedEvent[];
  truncated: boolean;
};

/**
 * GET /api/users/me/export (GDPR Art. 15 and 20), and the mail schema change (EmailMessageWasSent
 * v1 → v2) read through every path the app uses: the export, a decision, the subscriptions' reads
 * and the CLI.
 */
describe('exporting your personal data', () => {
  const app = testAppPerFile();
  let ada: TestUser;
  let grace: TestUser;
  let henryk: PersonBeforeEncryption;

  const exportOf = async (token: string) => {
    const response = await app.http('/api/users/me/export', { token });
    expect(response.status).toBe(200);
    return (await response.json()) as Export;
  };

  beforeAll(async () => {
    ada = await registerConfirmedUser(app, { fullName: 'Ada Exported' });
    grace = await registerConfirmedUser(app, { fullName: 'Grace Other' });
    expect((await app.http('/api/users/me', { method: 'PATCH', token: ada.accessToken, body: { image: 'https://images.example.com/ada.png' } })).status).toBe(200);
    const unique = randomUUID().slice(0, 8);
    henryk = await appendEventsBeforeEncryption(app, {
      email: `henryk.${unique}@example.com`,
      fullName: `Henryk Old${unique}`,
      changedName: `Henryk Older${unique}`,
      image: `https://images.example.com/henryk-${unique}.png`,
    });
    await subscriptionsIdle(app);
  }, 60_000);

  it('given a participant, then 200 their profile, account and every event about them, decrypted, by global position, with nothing of another user', async () => {
    const exported = await exportOf(ada.accessToken);

    expect(exported.userId).toBe(ada.userId);
    expect(exported.profile).toEqual({ fullName: 'Ada Exported', email: ada.email, image: 'https://images.example.com/ada.png' });
    expect(exported.account).toMatchObject({ role: 'user', emailConfirmed: true, registeredAt: expect.any(String) });
    expect(exported.truncated).toBe(false);
    const types = exported.events.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'EmailAddressWasReserved',
        'UserRegistrationWasStarted',
        'EmailConfirmationWasRequested',
        'EmailMessageWasSent',
        'EmailConfirmationWasApproved',
        'UserRegistrationWasCompleted',
        'SessionWasStarted',
        'UserProfileWasChanged',
      ]),
    );
    const positions = exported.events.map((event) => event.globalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(exported.events.find((event) => event.type === 'UserRegistrationWasStarted')).toMatchObject({
      stream: `UserRegistration_${ada.userId}`,
      data: { userId: ada.userId, fullName: 'Ada Exported', emailAddress: ada.email },
    });
    expect(exported.events.find((event) => event.type === 'EmailMessageWasSent')?.data).toMatchObject({ userId: ada.userId, to: ada.email });
    const document = JSON.stringify(exported);
    expect(document).not.toContain(grace.userId);
    expect(document).not.toContain(grace.email);
    expect(document).not.toContain('"$personal"');
  });

  it('given no token, then 401', async () => {
    expect((await app.http('/api/users/me/export')).status).toBe(401);
  });

  it('given a mail stored before mails named their user, then the export finds it by address and shows it in its newest shape, unattributed', async () => {
    const exported = await exportOf(await accessTokenWithSession(app.running, henryk.userId));

    const mail = exported.events.find((event) => event.stream === `EmailMessage_${henryk.emailMessageId}`);
    expect(mail?.data).toEqual({
      emailMessageId: henryk.emailMessageId,
      userId: null,
      to: henryk.email.toLowerCase(),
      subject: 'Welcome to CodersCamp',
      text: `Hi ${henryk.fullName}, welcome aboard.`,
      html: `<p>Hi ${henryk.fullName}, welcome aboard.</p>`,
      from: 'CodersCamp <no-reply@coderscamp.local>',
    });
    expect(exported.profile).toEqual({ fullName: henryk.changedName, email: henryk.email.toLowerCase(), image: henryk.image });
  });

  it('given a version-1 mail, then subscriptions read it as version 2, and sending it again decides nothing: no second mail, nothing appended', async () => {
    const eventStore = app.running.app.get<symbol, EventStore>(EVENT_STORE);
    const page = await eventStore.readAll({ after: LOG_START, limit: 10_000, filter: { eventTypes: ['EmailMessageWasSent'] } });
    const old = page.events.find((event) => event.streamName === `EmailMessage_${henryk.emailMessageId}`);
    expect(old).toMatchObject({ schemaVersion: 2, data: { userId: null, to: henryk.email.toLowerCase() } });

    const before = await countStoredEvents(app, ['EmailMessage']);
    const mailsBefore = app.mailbox.mailsTo(henryk.email.toLowerCase()).length;
    const factory = app.running.app.get(ApplicationCommandFactory);
    await app.running.app.get(ApplicationCommandBus).execute(
      factory.applicationCommand(() => ({
        class: SendEmailMessageApplicationCommand,
        type: 'SendEmailMessage',
        data: {
          emailMessageId: henryk.emailMessageId,
          userId: henryk.userId,
          to: henryk.email.toLowerCase(),
          subject: 'Welcome to CodersCamp',
          text: `Hi ${henryk.fullName}, welcome aboard.`,
          html: `<p>Hi ${henryk.fullName}, welcome aboard.</p>`,
        },
        metadata: { correlationId: randomUUID() },
      })),
    );

    expect(await countStoredEvents(app, ['EmailMessage'])).toBe(before);
    expect(app.mailbox.mailsTo(henryk.email.toLowerCase())).toHaveLength(mailsBefore);
  });

  it('given the CLI, then `stream` prints the events decrypted and mails in their newest shape', async () => {
    let out = '';
    const cli = (stream: string) =>
      runCli(['stream', stream], CLI_COMMANDS, { out: (text) => (out += `${text}\n`), err: () => undefined }, { DATABASE_URL: app.database.url, LOG_LEVEL: 'silent' });

    expect(await cli(`UserRegistration_${ada.userId}`)).toBe(0);
    expect(await cli(`EmailMessage_${henryk.emailMessageId}`)).toBe(0);

    const lines = out.trim().split('\n').map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });
    expect(lines[0]).toMatchObject({ type: 'UserRegistrationWasStarted', data: { fullName: 'Ada Exported', emailAddress: ada.email } });
    expect(lines.at(-1)).toMatchObject({ type: 'EmailMessageWasSent', data: { userId: null, to: henryk.email.toLowerCase() } });
  });
});
