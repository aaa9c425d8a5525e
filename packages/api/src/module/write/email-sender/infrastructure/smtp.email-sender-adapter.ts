import type { OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { EmailSender, OutgoingEmail } from '../application/email-sender.port';

/** nodemailer over the SMTP server of `SMTP_URL`. */
export class SmtpEmailSender implements EmailSender, OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    this.transport = createTransport(smtpUrl);
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail({
      messageId: messageIdHeader(email),
      from: email.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/** RFC 5322 wants `<left@right>`; the right side is the sender's domain. */
export function messageIdHeader(email: Pick<OutgoingEmail, 'emailMessageId' | 'from'>): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(email.from)?.[1] ?? 'coderscamp.local';
  return `<${email.emailMessageId}@${domain}>`;
}
