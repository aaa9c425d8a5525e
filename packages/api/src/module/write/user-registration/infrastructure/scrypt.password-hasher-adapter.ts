import { Injectable } from '@nestjs/common';
import { hashPassword } from '../../../../shared/auth/scrypt-password';
import type { PasswordHasher } from '../application/password-hasher.port';

/** scrypt from node:crypto with a random salt per hash; login verifies with the same module. */
@Injectable()
export class ScryptPasswordHasher implements PasswordHasher {
  hash(plainPassword: string): Promise<string> {
    return hashPassword(plainPassword);
  }
}
