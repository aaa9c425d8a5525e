import { createHash } from 'node:crypto';

/**
 * Ids and secrets an automation derives from what triggered it, so handling the same event again
 * issues the very same command, which the decide functions then recognise as a repeat.
 */
function digest(source: string, purpose: string): Buffer {
  return createHash('sha256').update(`${purpose}\u0000${source}`).digest();
}

/** UUID-shaped (version 4 and variant bits set), for ids kept in uuid-typed places. */
export function derivedId(source: string, purpose: string): string {
  const bytes = digest(source, purpose).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** 256 bits, URL-safe: as unguessable as the random event id it comes from. */
export function derivedSecret(source: string, purpose: string): string {
  return digest(source, purpose).toString('base64url');
}
