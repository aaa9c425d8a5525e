import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AbstractApplicationCommand, ApplicationCommandFactory, type ApplicationCommandClass } from '@coderscamp/event-sourcing';
import { ApproveEmailConfirmationApplicationCommand } from '../module/shared/commands/approve-email-confirmation.command';
import { CompleteUserRegistrationApplicationCommand } from '../module/shared/commands/complete-user-registration.command';
import { GrantAdminRoleApplicationCommand } from '../module/shared/commands/grant-admin-role.command';
import { RegisterUserApplicationCommand } from '../module/shared/commands/register-user.command';
import { RequestEmailConfirmationApplicationCommand } from '../module/shared/commands/request-email-confirmation.command';
import { normalizedEmailAddress } from '../module/shared/email-address';
import { emailConfirmationToken, USER_REGISTRATION_CONFIRMATION } from '../module/shared/email-confirmation-token';
import { DomainRuleViolation } from '../module/shared/errors/domain-rule-violation';
import { derivedId } from '../module/automation/shared/derived-id';
import { findAuthUserByEmail } from '../module/read/auth-users/auth-users.queries';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../shared/database/read-model-database';
import type { AdminAccountConfig } from '../shared/config/app-config';

const FIRST_ADMIN_FULL_NAME = 'Administrator';
/** How long to wait for the accounts read model to show an address some other registration holds. */
const READ_MODEL_WAIT = { attempts: 40, delayMs: 250 } as const;
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
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
  ) {}

  async grantAdminRoleTo(emailAddress: string): Promise<GrantAdminResult> {
    const user = await findAuthUserByEmail(this.database, emailAddress);
    if (user === undefined) return { granted: false };
    await this.execute(GrantAdminRoleApplicationCommand, 'GrantAdminRole', {
      userId: user.userId,
    });
    return { granted: true, userId: user.userId };
  }

  /**
   * Creates the account if missing (registered, confirmed, completed) and grants it admin. An
   * existing account keeps its password: ADMIN_PASSWORD only seeds a new one.
   */
  async ensureFirstAdmin(admin: AdminAccountConfig): Promise<string> {
    const emailAddress = normalizedEmailAddress(admin.email);
    const existing = await findAuthUserByEmail(this.database, emailAddress);
    const userId = existing?.userId ?? (await this.registerFirstAdmin(emailAddress, admin.password));
    if (existing?.emailConfirmed !== true) await this.confirmEmail(userId, emailAddress);
    await this.execute(
      CompleteUserRegistrationApplicationCommand,
      'CompleteUserRegistration',
      { userId },
      ['USER_REGISTRATION_ALREADY_COMPLETED'],
    );
    await this.execute(GrantAdminRoleApplicationCommand, 'GrantAdminRole', { userId });
    return userId;
  }

  // The id follows from the address, so a restart before the read model caught up registers no second account.
  private async registerFirstAdmin(emailAddress: string, plainPassword: string): Promise<string> {
    const userId = derivedId(emailAddress, 'first-admin');
    const outcome = await this.execute(
      RegisterUserApplicationCommand,
      'RegisterUser',
      { userId, fullName: FIRST_ADMIN_FULL_NAME, emailAddress, plainPassword },
      ['USER_REGISTRATION_ALREADY_STARTED', 'EMAIL_ALREADY_REGISTERED'],
    );
    return outcome === 'EMAIL_ALREADY_REGISTERED' ? this.holderOf(emailAddress) : userId;
  }

  /** Someone registered the address the usual way; the read model names them once it caught up. */
  private async holderOf(emailAddress: string): Promise<string> {
    for (let attempt = 0; attempt < READ_MODEL_WAIT.attempts; attempt++) {
      const user = await findAuthUserByEmail(this.database, emailAddress);
      if (user !== undefined) return user.userId;
      await sleep(READ_MODEL_WAIT.delayMs);
    }
    throw new Error(`${emailAddress} is registered, but its account did not appear in the auth_users read model`);
  }

  private async confirmEmail(userId: string, emailAddress: string): Promise<void> {
    for (let attempt = 0; attempt < CONFIRMATION_ATTEMPTS; attempt++) {
      const confirmationToken = emailConfirmationToken(userId, randomBytes(32).toString('base64url'));
      const confirmation = { userId, confirmationToken, confirmationFor: USER_REGISTRATION_CONFIRMATION };
      const requested = await this.execute(
        RequestEmailConfirmationApplicationCommand,
        'RequestEmailConfirmation',
        { ...confirmation, emailAddress },
        ['EMAIL_CONFIRMATION_ALREADY_APPROVED'],
      );
      if (requested === 'EMAIL_CONFIRMATION_ALREADY_APPROVED') return;
      const approved = await this.execute(
        ApproveEmailConfirmationApplicationCommand,
        'ApproveEmailConfirmation',
        confirmation,
        ['EMAIL_CONFIRMATION_ALREADY_APPROVED', 'EMAIL_CONFIRMATION_TOKEN_OBSOLETE'],
      );
      // Obsolete: the registration's own confirmation request came in between; request again.
      if (approved !== 'EMAIL_CONFIRMATION_TOKEN_OBSOLETE') return;
    }
    throw new Error(`Could not confirm the email address of user ${userId}`);
  }

  /** Runs a command; returns the code of a tolerated rule violation, or 'done'. */
  private async execute<A extends AbstractApplicationCommand>(
    commandClass: ApplicationCommandClass<A>,
    type: A['type'],
    data: A['data'],
    toleratedCodes: readonly string[] = [],
  ): Promise<string> {
    try {
      await this.commandBus.execute(this.commandFactory.applicationCommand(() => ({ class: commandClass, type, data })));
      return 'done';
    } catch (error) {
      if (error instanceof DomainRuleViolation && toleratedCodes.includes(error.code)) return error.code;
      throw error;
    }
  }
}
