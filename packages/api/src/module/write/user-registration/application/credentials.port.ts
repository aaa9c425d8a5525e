export const CREDENTIALS_PORT = Symbol('USER_REGISTRATION_CREDENTIALS_PORT');

/** The password a user logs in with now; answered from the accounts read model. */
export interface CredentialsPort {
  /** Undefined for a user without an account. */
  hashedPasswordOf(userId: string): Promise<string | undefined>;
}
