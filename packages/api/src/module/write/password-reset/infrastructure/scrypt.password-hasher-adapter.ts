import { Injectable } from '@nestjs/common';
import { hashPassword } from '../../../../shared/auth/scrypt-password';
import type { PasswordHasher } from '../application/password-hasher.port';

/** scrypt with a random salt per hash: the same module login verifies with. */
@Injectable()
export class ScryptPasswordHasher implements PasswordHasher {
  hash(plainPassword: string): Promise<string> {
    return hashPassword(plainPassword);
  }
}
