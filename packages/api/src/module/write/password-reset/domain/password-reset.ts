import { PasswordResetTokenExpired, PasswordResetTokenSuperseded, PasswordResetTokenUnknown, PasswordResetTokenUsed } from './errors';
import type { PasswordResetDomainEvent } from './events';

/** A link is valid for this long after it was requested. */
export const PASSWORD_RESET_VALIDITY_MS = 30 * 60 * 1000;

type ResetRequest = Readonly<{ resetId: string; secretHash: string; expiresAt: string }>;

export type PasswordReset = Readonly<{
  requests: readonly ResetRequest[];
  /** Secret hashes of the requests a reset was completed with. */
  usedSecretHashes: ReadonlySet<string>;
}>;

/**
 * Only the latest request can be completed, so a `PasswordWasReset` always used the request
 * before it: that is how a used link is recognised without the reset event naming it.
 */
export function passwordResetState(pastEvents: readonly PasswordResetDomainEvent[]): PasswordReset {
  return pastEvents.reduce<PasswordReset>(
    (reset, event) => {
      switch (event.type) {
        case 'PasswordResetWasRequested': {
          const { resetId, secretHash, expiresAt } = event.data;
          return { ...reset, requests: [...reset.requests, { resetId, secretHash, expiresAt }] };
        }
        case 'PasswordWasReset': {
          const latest = reset.requests.at(-1);
          return latest === undefined ? reset : { ...reset, usedSecretHashes: new Set([...reset.usedSecretHashes, latest.secretHash]) };
        }
        default:
          return reset;
      }
    },
    { requests: [], usedSecretHashes: new Set() },
  );
}

/**
 * The rule a confirmation must pass, also checked before the costly password hashing: the link
 * was issued, not used, not superseded by a newer request, and not expired at `now`.
 */
export function ensurePasswordResetCanBeConfirmed(reset: PasswordReset, secretHash: string, now: Date): void {
  const request = reset.requests.find((candidate) => candidate.secretHash === secretHash);
  if (request === undefined) throw new PasswordResetTokenUnknown();
  if (reset.usedSecretHashes.has(secretHash)) throw new PasswordResetTokenUsed();
  if (request !== reset.requests.at(-1)) throw new PasswordResetTokenSuperseded();
  if (now.getTime() >= Date.parse(request.expiresAt)) throw new PasswordResetTokenExpired();
}
