import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, EventStore, TimeProvider } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE, EVENT_STORE, TIME_PROVIDER } from '@coderscamp/event-sourcing/nestjs';
import { ConfirmPasswordResetApplicationCommand } from '../../../shared/commands/confirm-password-reset.command';
import { confirmPasswordReset } from '../domain/confirm-password-reset';
import { passwordResetStream, type PasswordResetDomainEvent } from '../domain/events';
import { ensurePasswordResetCanBeConfirmed, passwordResetState } from '../domain/password-reset';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher.port';

/**
 * Checks the link before hashing the new password: scrypt is deliberately slow, and an unknown
 * or expired link must not cost it. The decision checks again on append.
 */
@CommandHandler(ConfirmPasswordResetApplicationCommand)
export class ConfirmPasswordResetCommandHandler implements ICommandHandler<ConfirmPasswordResetApplicationCommand> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(TIME_PROVIDER) private readonly time: TimeProvider,
    @Inject(PASSWORD_HASHER) private readonly passwordHasher: PasswordHasher,
  ) {}

  async execute(command: ConfirmPasswordResetApplicationCommand): Promise<void> {
    const stream = passwordResetStream(command.data.userId);
    const { events } = await this.eventStore.readStream<PasswordResetDomainEvent>(stream);
    ensurePasswordResetCanBeConfirmed(passwordResetState(events), command.data.secretHash, this.time.currentTime());

    const hashedPassword = await this.passwordHasher.hash(command.data.plainPassword);
    await this.applicationService.handle<PasswordResetDomainEvent>(
      stream,
      command,
      (pastEvents) => confirmPasswordReset(pastEvents, command, hashedPassword, this.time.currentTime()),
    );
  }
}
