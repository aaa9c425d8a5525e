import { createHash, createHmac } from 'node:crypto';

/**
 * The token mailed to a user is `<userId>.<secret>`: the user id lets the confirmation find the
 * reset stream without a read model, the secret proves the mailbox. The secret is an HMAC of the
 * request's id under a server key, so the events keep only its hash and still the mail automation
 * can rebuild it; reading the event store alone never yields a working link.
 */
const SEPARATOR = '.';
const PURPOSE = 'password-reset';

export function passwordResetSecret(serverKey: string, resetId: string): string {
  return createHmac('sha256', serverKey).update(`${PURPOSE}\u0000${resetId}`).digest('base64url');
}

/** What the events keep: unsalted is enough, the secret has 256 random-looking bits. */
export function passwordResetSecretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function passwordResetToken(userId: string, secret: string): string {
  return `${userId}${SEPARATOR}${secret}`;
}

/** The user id and secret a token carries, or undefined when the token is not of this shape. */
export function parsePasswordResetToken(token: string): Readonly<{ userId: string; secret: string }> | undefined {
  const separator = token.lastIndexOf(SEPARATOR);
  if (separator <= 0 || separator === token.length - 1) return undefined;
  return { userId: token.slice(0, separator), secret: token.slice(separator + 1) };
}
