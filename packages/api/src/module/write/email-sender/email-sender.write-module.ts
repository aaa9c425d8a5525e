import { Module } from '@nestjs/common';
import { AppConfig } from '../../../shared/config/app-config';
import { EMAIL_SENDER, type EmailSender } from './application/email-sender.port';
import { SendEmailMessageCommandHandler } from './application/send-email-message.command-handler';
import { LoggingEmailSender } from './infrastructure/logging.email-sender-adapter';
import { SmtpEmailSender } from './infrastructure/smtp.email-sender-adapter';

function emailSenderFor(config: AppConfig): EmailSender {
  return config.email.smtpUrl === undefined ? new LoggingEmailSender() : new SmtpEmailSender(config.email.smtpUrl);
}

/** No endpoint: automations send mail through SendEmailMessage. */
@Module({
  providers: [SendEmailMessageCommandHandler, { provide: EMAIL_SENDER, inject: [AppConfig], useFactory: emailSenderFor }],
})
export class EmailSenderWriteModule {}
