/** What a tool that shows events to people puts where a secret was. */
export const SECRET = '[secret]';

/**
 * Fields that grant access to an account: password hashes, the confirmation token, the hash of a
 * reset secret. The log keeps them because decisions need them; the console never shows them.
 */
const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  UserRegistrationWasStarted: ['hashedPassword'],
  UserRegistrationWasCompleted: ['hashedPassword'],
  PasswordWasChanged: ['hashedPassword'],
  PasswordWasReset: ['hashedPassword'],
  EmailConfirmationWasRequested: ['confirmationToken'],
  EmailConfirmationWasApproved: ['confirmationToken'],
  PasswordResetWasRequested: ['secretHash'],
};

/** Mails carry live links: a confirmation or reset link's token opens the account as surely as a password. */
const MAIL_BODY_FIELDS = ['text', 'html'];
const LINK_TOKEN = /([?&](?:amp;)?token=)[^\s"'<>&]+/g;

/**
 * An event's data as an administrator may see it: declared secret fields replaced by `SECRET`, and
 * the tokens in the links of a mail's body too. So reading the log (the stream browser) never hands
 * anyone a way into someone else's account.
 */
export function withoutSecrets(type: string, data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const secrets = SECRET_FIELDS[type] ?? [];
  const mailBodies = type === 'EmailMessageWasSent' ? MAIL_BODY_FIELDS : [];
  return Object.fromEntries(
    Object.entries(data).map(([field, value]) => {
      if (secrets.includes(field) && value !== null && value !== undefined) return [field, SECRET];
      if (mailBodies.includes(field) && typeof value === 'string') return [field, value.replace(LINK_TOKEN, `$1${SECRET}`)];
      return [field, value];
    }),
  );
}
