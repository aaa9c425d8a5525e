export const USER_ACCOUNTS_PORT = Symbol('USER_ACCOUNTS_PORT');

/** Accounts as sign-in knows them; answered from the accounts read model. */
export interface UserAccountsPort {
  /** True for an account whose address was confirmed: one that can sign in and use a role. */
  canSignIn(userId: string): Promise<boolean>;
}
