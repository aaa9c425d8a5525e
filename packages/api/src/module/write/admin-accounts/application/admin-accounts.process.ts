import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ApplicationCommandFactory, type AbstractApplicationCommand, type ApplicationCommandSpec, type DomainCommand } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import type { AdminAccountConfig } from '../../../../shared/config/app-config';
import { derivedId } from '../../../automation/shared/derived-id';
import { ApproveEmailConfirmationApplicationCommand } from '../../../shared/commands/approve-email-confirmation.command';
import { CompleteUserRegistrationApplicationCommand } from '../../../shared/commands/complete-user-registration.command';
import { GrantAdminRoleApplicationCommand } from '../../../shared/commands/grant-admin-role.command';
import { RegisterUserApplicationCommand } from '../../../shared/commands/register-user.command';
import { RequestEmailConfirmationApplicationCommand } from '../../../shared/commands/request-email-confirmation.command';
import { normalizedEmailAddress } from '../../../shared/email-address';
import { emailConfirmationToken, USER_REGISTRATION_CONFIRMATION } from '../../../shared/email-confirmation-token';
import { RuleCode } from '../../../shared/errors/rule-codes';
import { ACCOUNTS_PORT, type AccountsPort } from './accounts.port';

const FIRST_ADMIN_FULL_NAME = 'Administrator';
/** Confirmation can lose a race with the automation's own request at most this often. */
const CONFIRMATION_ATTEMPTS = 3;

export type GrantAdminResult = Readonly<{ granted: true; userId: string }> | Readonly<{ granted: false }>;

/**
 * Administrator accounts, made through the same commands as everyone's: the first admin from
 * ADMIN_EMAIL/ADMIN_PASSWORD at start-up and `grant-admin <email>` from the CLI. Every step is
 * safe to repeat, so running either again changes nothing.
 */
@Injectable()
export class AdminAccounts {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    @Inject(ACCOUNTS_PORT) private readonly accounts: AccountsPort,
  ) {}

  async grantAdminRoleTo(emailAddress: string): Promise<GrantAdminResult> {
    const account = await this.accounts.findByEmail(emailAddress);
    if (account === undefined) return { granted: false };
    await this.send({ class: GrantAdminRoleApplicationCommand, type: 'GrantAdminRole', data: { userId: account.userId } });
    return { granted: true, userId: account.userId };
  }

  /**
   * Creates the account if missing (registered, confirmed, completed) and grants it admin. An
   * existing account keeps its password: ADMIN_PASSWORD only seeds a new one.
   */
  async ensureFirstAdmin(admin: AdminAccountConfig): Promise<string> {
    const emailAddress = normalizedEmailAddress(admin.email);
    const existing = await this.accounts.findByEmail(emailAddress);
    const userId = existing?.userId ?? (await this.registerFirstAdmin(emailAddress, admin.password));
    if (existing?.emailConfirmed !== true) await this.confirmEmail(userId, emailAddress);
    await this.send({ class: CompleteUserRegistrationApplicationCommand, type: 'CompleteUserRegistration', data: { userId } }, [
      RuleCode.USER_REGISTRATION_ALREADY_COMPLETED,
    ]);
    await this.send({ class: GrantAdminRoleApplicationCommand, type: 'GrantAdminRole', data: { userId } });
    return userId;
  }

  // The id follows from the address, so a restart before the read model caught up registers no second account.
  private async registerFirstAdmin(emailAddress: string, plainPassword: string): Promise<string> {
    const userId = derivedId(emailAddress, 'first-admin');
    const alreadyDone = await this.send(
      { class: RegisterUserApplicationCommand, type: 'RegisterUser', data: { userId, fullName: FIRST_ADMIN_FULL_NAME, emailAddress, plainPassword } },
      [RuleCode.USER_REGISTRATION_ALREADY_STARTED, RuleCode.EMAIL_ALREADY_REGISTERED],
    );
    return alreadyDone === RuleCode.EMAIL_ALREADY_REGISTERED ? this.holderOf(emailAddress) : userId;
  }

  /** Someone registered the address the usual way; the read model names them once it caught up. */
  private async holderOf(emailAddress: string): Promise<string> {
    const holder = await this.accounts.findByEmailOnceCaughtUp(emailAddress);
    if (holder === undefined) throw new Error(`${emailAddress} is registered, but its account did not appear in the accounts read model`);
    return holder.userId;
  }

  private async confirmEmail(userId: string, emailAddress: string): Promise<void> {
    for (let attempt = 0; attempt < CONFIRMATION_ATTEMPTS; attempt++) {
      const confirmationToken = emailConfirmationToken(userId, randomBytes(32).toString('base64url'));
      const confirmation = { userId, confirmationToken, confirmationFor: USER_REGISTRATION_CONFIRMATION };
      const requested = await this.send(
        { class: RequestEmailConfirmationApplicationCommand, type: 'RequestEmailConfirmation', data: { ...confirmation, emailAddress } },
        [RuleCode.EMAIL_CONFIRMATION_ALREADY_APPROVED],
      );
      if (requested === RuleCode.EMAIL_CONFIRMATION_ALREADY_APPROVED) return;
      const approved = await this.send({ class: ApproveEmailConfirmationApplicationCommand, type: 'ApproveEmailConfirmation', data: confirmation }, [
        RuleCode.EMAIL_CONFIRMATION_ALREADY_APPROVED,
        RuleCode.EMAIL_CONFIRMATION_TOKEN_OBSOLETE,
      ]);
      // Obsolete: the registration's own confirmation request came in between; request again.
      if (approved !== RuleCode.EMAIL_CONFIRMATION_TOKEN_OBSOLETE) return;
    }
    throw new Error(`Could not confirm the email address of user ${userId}`);
  }

  /** Runs a command; resolves to the code of a refusal in `alreadyDone`, or undefined when it ran. */
  private async send<A extends AbstractApplicationCommand<DomainCommand, unknown>, T extends A['type'], C extends RuleCode = never>(
    command: ApplicationCommandSpec<A, T>,
    alreadyDone: readonly C[] = [],
  ): Promise<C | undefined> {
    return this.commandBus.executeTolerating(this.commandFactory.applicationCommand(() => command), alreadyDone);
  }
}
