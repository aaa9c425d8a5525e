import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, LogPosition } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { lastAppendedPosition } from '../../shared/read-model-catch-up';
import { hashPassword, verifyPassword } from '../../../../shared/auth/scrypt-password';
import { ChangePasswordApplicationCommand } from '../../../shared/commands/change-password.command';
import { changePassword, type CheckedCurrentPassword } from '../domain/change-password';
import { passwordChangeStream, type PasswordChangeDomainEvent } from '../domain/events';
import { CREDENTIALS_PORT, type CredentialsPort } from './credentials.port';

/**
 * Checks the current password and hashes the new one (both slow on purpose) before the decision,
 * and answers where the change landed in the log, so the caller can wait for the read models.
 */
@CommandHandler(ChangePasswordApplicationCommand)
export class ChangePasswordCommandHandler implements ICommandHandler<ChangePasswordApplicationCommand, LogPosition | null> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(CREDENTIALS_PORT) private readonly credentials: CredentialsPort,
  ) {}

  async execute(command: ChangePasswordApplicationCommand): Promise<LogPosition | null> {
    const { userId, currentPassword, newPassword } = command.data;
    const hashedPassword = await this.credentials.hashedPasswordOf(userId);
    const checked: CheckedCurrentPassword =
      hashedPassword !== undefined && (await verifyPassword(currentPassword, hashedPassword))
        ? { currentPasswordMatches: true, newHashedPassword: await hashPassword(newPassword) }
        : { currentPasswordMatches: false };
    const result = await this.applicationService.handle<PasswordChangeDomainEvent>(
      passwordChangeStream(userId),
      command,
      (pastEvents) => changePassword(pastEvents, command, checked),
    );
    return lastAppendedPosition(result);
  }
}
