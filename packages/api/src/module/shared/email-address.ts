import { createHash } from 'node:crypto';

/**
 * Addresses differing only in case or surrounding spaces are one address: reservations,
 * registrations and logins all compare this form, so uniqueness and login are case-insensitive.
 */
export function normalizedEmailAddress(emailAddress: string): string {
  return emailAddress.trim().toLowerCase();
}

/**
 * SHA-256 (hex) of the normalized address: where an address must name something that outlives
 * the address's erasure (a stream name, a rate-limit counter), its digest stands in for it, so no
 * stored name ever spells the address out, while the same address still finds the same name.
 */
export function emailAddressDigest(emailAddress: string): string {
  return createHash('sha256').update(normalizedEmailAddress(emailAddress)).digest('hex');
}
