export const ACCOUNTS_PORT = Symbol('ACCOUNTS_PORT');

export type Account = Readonly<{ userId: string; emailAddress: string }>;

/** The accounts a reset may be requested for; answered from the accounts read model. */
export interface AccountsPort {
  /** Undefined when no account has this address (compared case-insensitively). */
  accountWith(emailAddress: string): Promise<Account | undefined>;
}
