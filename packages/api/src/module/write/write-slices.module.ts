import { Module, type Type } from '@nestjs/common';
import { CreateCourseCommandHandler } from './course/application/create-course.command-handler';
import { CourseController } from './course/presentation/rest/course.controller';
import { ReleaseEmailAddressReservationCommandHandler } from './email-address-reservation/application/release-email-address-reservation.command-handler';
import { ReserveEmailAddressCommandHandler } from './email-address-reservation/application/reserve-email-address.command-handler';
import { ApproveEmailConfirmationCommandHandler } from './email-confirmation/application/approve-email-confirmation.command-handler';
import { RequestEmailConfirmationCommandHandler } from './email-confirmation/application/request-email-confirmation.command-handler';
import { EmailConfirmationApprovalController } from './email-confirmation/presentation/rest/email-confirmation-approval.controller';
import { RegisterCourseUserCommandHandler } from './register-course-user/application/register-course-user.command-handler';
import { GrantAdminRoleCommandHandler } from './user-roles/application/grant-admin-role.command-handler';

/** A write slice that needs nothing but the SDK: its command handlers and its controllers, if it has an endpoint. */
type WriteSlice = Readonly<{ handlers: readonly Type<unknown>[]; controllers?: readonly Type<unknown>[] }>;

/**
 * One line per write slice without ports of its own, so adding such a slice edits nothing outside
 * its folder but this list. A slice with ports keeps a `<slice>.write-module.ts` binding them to
 * adapters, listed in `SLICE_MODULES` (app.module.ts) instead.
 */
const WRITE_SLICES: readonly WriteSlice[] = [
  { handlers: [CreateCourseCommandHandler], controllers: [CourseController] },
  // No endpoint of its own: registration reserves and releases addresses through these commands.
  { handlers: [ReserveEmailAddressCommandHandler, ReleaseEmailAddressReservationCommandHandler] },
  { handlers: [RequestEmailConfirmationCommandHandler, ApproveEmailConfirmationCommandHandler], controllers: [EmailConfirmationApprovalController] },
  // No endpoint: users are enrolled by the automation that follows completed registrations.
  { handlers: [RegisterCourseUserCommandHandler] },
  // No endpoint: admins are granted at start-up (ADMIN_EMAIL) and by the `grant-admin` CLI command.
  { handlers: [GrantAdminRoleCommandHandler] },
];

@Module({
  controllers: WRITE_SLICES.flatMap((slice) => slice.controllers ?? []),
  providers: WRITE_SLICES.flatMap((slice) => slice.handlers),
})
export class WriteSlicesModule {}
