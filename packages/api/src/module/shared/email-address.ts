/**
 * Addresses differing only in case or surrounding spaces are one address: reservations,
 * registrations and logins all compare this form, so uniqueness and login are case-insensitive.
 */
export function normalizedEmailAddress(emailAddress: string): string {
  return emailAddress.trim().toLowerCase();
}
