import { AdminAccounts } from '../../module/write/admin-accounts/application/admin-accounts.process';
import type { CliCommand } from '../cli-command';

/** `grant-admin <email>`: makes an existing account an administrator (from its next login on). */
export const grantAdminCommand: CliCommand = {
  name: 'grant-admin',
  usage: 'grant-admin <email>',
  description: 'Grant the admin role to the account registered with <email>; the user signs in again to use it',
  async run(app, args, output) {
    const [email, ...extra] = args;
    if (email === undefined || extra.length > 0) {
      output.err('Usage: grant-admin <email>');
      return 2;
    }
    const result = await app.get(AdminAccounts).grantAdminRoleTo(email);
    if (!result.granted) {
      output.err(`No account is registered with ${email}`);
      return 1;
    }
    output.out(`Granted the admin role to ${email} (user ${result.userId})`);
    return 0;
  },
};
