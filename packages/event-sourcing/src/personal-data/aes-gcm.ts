import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const ALGORITHM = 'aes-256-gcm';

export type Sealed = Readonly<{ iv: Buffer; tag: Buffer; ciphertext: Buffer }>;

/**
 * Random bytes for IVs, drawn from the OS a thousand IVs at a time: one `randomBytes` call per
 * value cost more than the encryption itself (as Node's own `randomUUID` pools its entropy).
 */
const ivPool = Buffer.alloc(IV_BYTES * 1_024);
let ivPoolOffset = ivPool.length;

function randomIv(): Buffer {
  if (ivPoolOffset === ivPool.length) {
    randomFillSync(ivPool);
    ivPoolOffset = 0;
  }
  // A copy: the pool is refilled in place.
  return Buffer.from(ivPool.subarray(ivPoolOffset, (ivPoolOffset += IV_BYTES)));
}

/** AES-256-GCM with a fresh random IV; `aad` is authenticated, not stored. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomIv();
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** The plaintext, or undefined when the key, the AAD or any stored byte differs from sealing. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

export function assertKey(key: Buffer, what: string): void {
  if (key.length !== KEY_BYTES) throw new Error(`${what} must be ${KEY_BYTES} bytes, got ${key.length}`);
}
