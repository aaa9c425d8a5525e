import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { ChangeUserProfileApplicationCommand, type UserProfile } from '../../../shared/commands/change-user-profile.command';
import { changeUserProfile, userProfileOf } from '../domain/change-user-profile';
import { userRegistrationStream, type UserRegistrationDomainEvent } from '../domain/events';

/** Answers the profile as the change left it, from the stream itself: read models may still be behind. */
@CommandHandler(ChangeUserProfileApplicationCommand)
export class ChangeUserProfileCommandHandler implements ICommandHandler<ChangeUserProfileApplicationCommand, UserProfile> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: ChangeUserProfileApplicationCommand): Promise<UserProfile> {
    let decidedOn: UserRegistrationDomainEvent[] = [];
    const { events } = await this.applicationService.handle<UserRegistrationDomainEvent>(
      userRegistrationStream(command.data.userId),
      command,
      (pastEvents) => {
        decidedOn = pastEvents;
        return changeUserProfile(pastEvents, command);
      },
    );
    // The decision succeeded, so the registration was completed and a profile exists.
    return userProfileOf([...decidedOn, ...events])!;
  }
}
