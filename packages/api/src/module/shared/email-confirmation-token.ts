/**
 * The token mailed to a user is `<userId>.<secret>`. Carrying the user id lets the approval
 * endpoint find the confirmation stream without a read model (so a link clicked the moment the
 * mail arrives works even while projections lag); the secret part is what proves the mailbox.
 */
const SEPARATOR = '.';

export function emailConfirmationToken(userId: string, secret: string): string {
  return `${userId}${SEPARATOR}${secret}`;
}

/** The user id a token names, or undefined when the token is not of this shape. */
export function userIdOfEmailConfirmationToken(token: string): string | undefined {
  const separator = token.indexOf(SEPARATOR);
  if (separator <= 0 || separator === token.length - 1) return undefined;
  return token.slice(0, separator);
}

/** What a registration confirmation unlocks; the value travels in commands and events. */
export const USER_REGISTRATION_CONFIRMATION = 'user-registration';
