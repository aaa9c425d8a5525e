import { Logger } from '@nestjs/common';
import type { EmailSender, OutgoingEmail } from '../application/email-sender.port';

/**
 * Without SMTP_URL (e.g. `npm start` on a laptop) mails are written to the log in full, so a
 * person can follow the confirmation link from there.
 */
export class LoggingEmailSender implements EmailSender {
  private readonly logger = new Logger('EmailSender');

  async send(email: OutgoingEmail): Promise<void> {
    this.logger.log({ msg: 'Email not sent (no SMTP_URL); here it is', email });
  }
}
