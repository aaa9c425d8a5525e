export const EMAIL_SENDER = Symbol('EMAIL_SENDER');

export type OutgoingEmail = Readonly<{
  /** Stable per message: sent as the SMTP Message-ID, so a resend after a crash is recognisably the same mail. */
  emailMessageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}>;

/** Hands a mail over for delivery; resolves once the mail server accepted it. */
export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
}
