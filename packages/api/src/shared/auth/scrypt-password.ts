import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes as `scrypt$N$r$p$<salt>$<hash>` (base64url), so the cost parameters travel with
 * each hash and can be raised later without invalidating stored ones. Lives in shared/auth because
 * registration hashes and login verifies: two slices, one format.
 */
const PREFIX = 'scrypt';
const DEFAULT_PARAMETERS = { N: 16_384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

export async function hashPassword(plainPassword: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = DEFAULT_PARAMETERS;
  const key = await derive(plainPassword, salt, KEY_BYTES, { N, r, p });
  return [PREFIX, N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for anything that is not a hash of this format. */
export async function verifyPassword(plainPassword: string, hashedPassword: string): Promise<boolean> {
  const parts = hashedPassword.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (![N, r, p].every((value) => Number.isInteger(value) && value! > 0) || expected.length === 0) return false;
  const actual = await derive(plainPassword, salt, expected.length, { N: N!, r: r!, p: p! });
  return timingSafeEqual(actual, expected);
}

function derive(plainPassword: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The default memory cap (32 MiB) is below what N=16384, r=8 may need with headroom.
    scrypt(plainPassword.normalize('NFC'), salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
