import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, LogPosition } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { lastAppendedPosition } from '../../shared/read-model-catch-up';
import { verifyPassword } from '../../../../shared/auth/scrypt-password';
import { EraseUserApplicationCommand, type EraseUser } from '../../../shared/commands/erase-user.command';
import { eraseUser, type CheckedErasure } from '../domain/erase-user';
import { userRegistrationStream, type UserRegistrationDomainEvent } from '../domain/events';
import { CREDENTIALS_PORT, type CredentialsPort } from './credentials.port';

/**
 * Records the erasure on the account's stream; what it sets in motion (address released, key
 * erased, plaintext rewritten, read models emptied) follows from the event, durably, and the
 * answer says where the event landed so the caller can wait for all of it.
 */
@CommandHandler(EraseUserApplicationCommand)
export class EraseUserCommandHandler implements ICommandHandler<EraseUserApplicationCommand, LogPosition | null> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(CREDENTIALS_PORT) private readonly credentials: CredentialsPort,
  ) {}

  async execute(command: EraseUserApplicationCommand): Promise<LogPosition | null> {
    const checked = await this.checked(command.data);
    const result = await this.applicationService.handle<UserRegistrationDomainEvent>(userRegistrationStream(command.data.userId), command, (pastEvents) =>
      eraseUser(pastEvents, command, checked),
    );
    return lastAppendedPosition(result);
  }

  private async checked({ userId, erasedBy }: EraseUser['data']): Promise<CheckedErasure> {
    if (erasedBy.kind === 'admin') return 'requested-by-admin';
    const hashedPassword = await this.credentials.hashedPasswordOf(userId);
    return { passwordMatches: hashedPassword !== undefined && (await verifyPassword(erasedBy.password, hashedPassword)) };
  }
}
