import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApplicationCommandFactory, causedBy, type ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE, ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { RegisterUserApplicationCommand } from '../../../shared/commands/register-user.command';
import { ReleaseEmailAddressReservationApplicationCommand } from '../../../shared/commands/release-email-address-reservation.command';
import { ReserveEmailAddressApplicationCommand } from '../../../shared/commands/reserve-email-address.command';
import { UserRegistrationAlreadyStarted } from '../domain/errors';
import { userRegistrationStream, type UserRegistrationDomainEvent } from '../domain/events';
import { registerUser } from '../domain/register-user';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher.port';

/**
 * Hashes the password, reserves the address (the reservation stream is what keeps it unique under
 * concurrency), then starts the registration. A registration that fails after reserving gives the
 * address back, so a failed attempt never blocks the address.
 */
@CommandHandler(RegisterUserApplicationCommand)
export class RegisterUserCommandHandler implements ICommandHandler<RegisterUserApplicationCommand> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(PASSWORD_HASHER) private readonly passwordHasher: PasswordHasher,
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  async execute(command: RegisterUserApplicationCommand): Promise<void> {
    const hashedPassword = await this.passwordHasher.hash(command.data.plainPassword);
    const { userId, emailAddress } = command.data;
    const metadata = causedBy(command);

    await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: ReserveEmailAddressApplicationCommand,
        type: 'ReserveEmailAddress',
        data: { emailAddress, userId },
        metadata,
      })),
    );
    try {
      await this.applicationService.handle<UserRegistrationDomainEvent>(userRegistrationStream(userId), command, (pastEvents) =>
        registerUser(pastEvents, command, hashedPassword),
      );
    } catch (error) {
      // An already started registration of this user owns the address; releasing would orphan it.
      if (!(error instanceof UserRegistrationAlreadyStarted)) {
        await this.commandBus.execute(
          this.commandFactory.applicationCommand(() => ({
            class: ReleaseEmailAddressReservationApplicationCommand,
            type: 'ReleaseEmailAddressReservation',
            data: { emailAddress, userId },
            metadata,
          })),
        );
      }
      throw error;
    }
  }
}
