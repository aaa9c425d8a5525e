import { StreamName } from '@coderscamp/event-sourcing';
import { testCommand } from '@coderscamp/event-sourcing/testing';
import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestMailbox } from '../../../../test/support/test-mailbox';
import { SendEmailMessageApplicationCommand, type SendEmailMessage } from '../../shared/commands/send-email-message.command';
import { ConfigModule } from '../../../shared/config/config.module';
import { loadAppConfig } from '../../../shared/config/load-app-config';
import { EmailMessageIdAlreadyUsed } from './domain/errors';
import { EmailSenderWriteModule } from './email-sender.write-module';

const message: SendEmailMessage['data'] = {
  emailMessageId: '6f1c0a8e-4b1d-4c8e-9a57-2d6b1f0e3c41',
  userId: '0d4e8b2a-1c3f-4a5b-8e6d-7f9a0b1c2d3e',
  to: 'jan@example.com',
  subject: 'Hello',
  text: 'Hello Jan',
  html: '<p>Hello Jan</p>',
};
const send = (data: Partial<SendEmailMessage['data']> = {}) =>
  testCommand({ class: SendEmailMessageApplicationCommand, type: 'SendEmailMessage', data: { ...message, ...data } });

/** Over a real SMTP server on 127.0.0.1: what is decided is mailed, and only that. */
describe('email sender write module', () => {
  let mailbox: TestMailbox;
  let spec: WriteModuleSpecification;
  beforeAll(async () => {
    mailbox = await TestMailbox.start();
  });
  afterAll(() => mailbox.stop());
  beforeEach(async () => {
    const config = loadAppConfig({ SMTP_URL: mailbox.url, EMAIL_FROM: 'CodersCamp <no-reply@coderscamp.test>' });
    spec = await WriteModuleSpecification.for({ imports: [ConfigModule.forRoot(config), EmailSenderWriteModule] });
  });
  afterEach(() => spec.close());

  it('given nothing sent, when sending, then the mail arrives with the message id as Message-ID and the sending is recorded', async () => {
    await spec.whenCommandExecuted(send());

    const mail = await mailbox.waitForMail('jan@example.com');
    expect(mail).toMatchObject({ subject: 'Hello', messageId: `<${message.emailMessageId}@coderscamp.test>` });
    expect(mail.text.trim()).toBe('Hello Jan');
    await spec.thenEventsPublished(`EmailMessage_${message.emailMessageId}`, [
      { type: 'EmailMessageWasSent', data: { ...message, from: 'CodersCamp <no-reply@coderscamp.test>' } },
    ]);
  });

  it('given the message was sent, when sending it again (a retry), then no second mail and nothing recorded', async () => {
    const emailMessageId = '0d7f3a2c-5e61-4b7a-8c90-1a2b3c4d5e6f';
    await spec.givenEventsOccurred(`EmailMessage_${emailMessageId}`, [
      { type: 'EmailMessageWasSent', data: { ...message, to: 'retry@example.com', emailMessageId, from: 'x' } },
    ]);

    await spec.whenCommandExecuted(send({ emailMessageId, to: 'retry@example.com' }));

    await spec.thenNothingPublished(`EmailMessage_${emailMessageId}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailbox.mailsTo('retry@example.com')).toEqual([]);
  });

  it('given the id was used for another message, when sending, then refused and nothing mailed', async () => {
    const emailMessageId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    await spec.givenEventsOccurred(`EmailMessage_${emailMessageId}`, [
      { type: 'EmailMessageWasSent', data: { ...message, to: 'other@example.com', emailMessageId, from: 'x' } },
    ]);

    await spec.whenCommandExecuted(send({ emailMessageId, to: 'other@example.com', subject: 'Different' }));

    await spec.thenCommandFailed(EmailMessageIdAlreadyUsed);
    expect((await spec.eventStore.readStream(StreamName.parse(`EmailMessage_${emailMessageId}`))).events).toHaveLength(1);
    expect(mailbox.mailsTo('other@example.com')).toEqual([]);
  });
});
