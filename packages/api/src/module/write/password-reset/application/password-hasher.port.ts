export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');

/** Turns a plain password into what may be stored: salted, slow to brute-force, self-describing. */
export interface PasswordHasher {
  hash(plainPassword: string): Promise<string>;
}
