import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { GrantAdminRoleApplicationCommand } from '../../../shared/commands/grant-admin-role.command';
import { userRolesStream, type UserRolesDomainEvent } from '../domain/events';
import { grantAdminRole } from '../domain/grant-admin-role';

@CommandHandler(GrantAdminRoleApplicationCommand)
export class GrantAdminRoleCommandHandler implements ICommandHandler<GrantAdminRoleApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: GrantAdminRoleApplicationCommand): Promise<void> {
    await this.applicationService.execute<UserRolesDomainEvent>(
      userRolesStream(command.data.userId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => grantAdminRole(pastEvents, command),
    );
  }
}
