import { open, seal } from './aes-gcm';

/** How an encrypted personal field is stored: self-describing, so reads find it by shape alone. */
export type EncryptedField = Readonly<{ $personal: 1; subject: string; iv: string; tag: string; data: string }>;

/** Where a value sits: decrypting it anywhere else fails, so a copied ciphertext is never taken for real. */
export type FieldPlace = Readonly<{ subject: string; eventId: string; field: string }>;

export function isEncryptedField(value: unknown): value is EncryptedField {
  return typeof value === 'object' && value !== null && (value as { $personal?: unknown }).$personal === 1;
}

export function encryptField(key: Buffer, place: FieldPlace, value: unknown): EncryptedField {
  const sealed = seal(key, Buffer.from(JSON.stringify(value), 'utf8'), additionalData(place));
  return {
    $personal: 1,
    subject: place.subject,
    iv: sealed.iv.toString('base64'),
    tag: sealed.tag.toString('base64'),
    data: sealed.ciphertext.toString('base64'),
  };
}

/** The value, or undefined when the field was not sealed with this key at this place. */
export function decryptField(key: Buffer, place: Omit<FieldPlace, 'subject'>, stored: EncryptedField): { value: unknown } | undefined {
  const sealed = { iv: Buffer.from(stored.iv, 'base64'), tag: Buffer.from(stored.tag, 'base64'), ciphertext: Buffer.from(stored.data, 'base64') };
  const plaintext = open(key, sealed, additionalData({ ...place, subject: stored.subject }));
  return plaintext === undefined ? undefined : { value: JSON.parse(plaintext.toString('utf8')) };
}

/** A JSON array, so no subject or field name can contain a separator that shifts the others. */
function additionalData(place: FieldPlace): Buffer {
  return Buffer.from(JSON.stringify(['personal-data/1', place.subject, place.eventId, place.field]), 'utf8');
}
