export const ACCOUNTS_PORT = Symbol('ACCOUNTS_PORT');

export type Account = Readonly<{ userId: string; emailConfirmed: boolean }>;

/** The accounts as the accounts read model shows them, looked up by address (case-insensitively). */
export interface AccountsPort {
  findByEmail(emailAddress: string): Promise<Account | undefined>;
  /** As `findByEmail`, once the read model has handled everything appended until now. */
  findByEmailOnceCaughtUp(emailAddress: string): Promise<Account | undefined>;
}
