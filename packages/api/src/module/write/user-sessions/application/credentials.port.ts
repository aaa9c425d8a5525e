import type { UserRole } from '../../../../shared/auth/user-role';

export const CREDENTIALS_PORT = Symbol('CREDENTIALS_PORT');

export type Credentials = Readonly<{ userId: string; hashedPassword: string; role: UserRole; emailConfirmed: boolean }>;

/** What login checks a password against; answered from the accounts read model. */
export interface CredentialsPort {
  /** The account registered with this address (compared case-insensitively), if any. */
  findByEmail(emailAddress: string): Promise<Credentials | undefined>;
}
