import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, TimeProvider } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE, TIME_PROVIDER } from '@coderscamp/event-sourcing/nestjs';
import { RequestPasswordResetApplicationCommand } from '../../../shared/commands/request-password-reset.command';
import { passwordResetSecret, passwordResetSecretHash } from '../../../shared/password-reset-token';
import { JWT_SIGNING_SECRET, type JwtSigningSecret } from '../../../../shared/auth/jwt-signing-secret';
import { passwordResetStream, type PasswordResetDomainEvent } from '../domain/events';
import { requestPasswordReset } from '../domain/request-password-reset';

@CommandHandler(RequestPasswordResetApplicationCommand)
export class RequestPasswordResetCommandHandler implements ICommandHandler<RequestPasswordResetApplicationCommand> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(TIME_PROVIDER) private readonly time: TimeProvider,
    @Inject(JWT_SIGNING_SECRET) private readonly serverKey: JwtSigningSecret,
  ) {}

  async execute(command: RequestPasswordResetApplicationCommand): Promise<void> {
    const secretHash = passwordResetSecretHash(passwordResetSecret(this.serverKey.value, command.data.resetId));
    await this.applicationService.handle<PasswordResetDomainEvent>(
      passwordResetStream(command.data.userId),
      command,
      (pastEvents) => requestPasswordReset(pastEvents, command, secretHash, this.time.currentTime()),
    );
  }
}
