import { Module } from '@nestjs/common';
import { ApproveEmailConfirmationCommandHandler } from './application/approve-email-confirmation.command-handler';
import { RequestEmailConfirmationCommandHandler } from './application/request-email-confirmation.command-handler';
import { EmailConfirmationApprovalController } from './presentation/rest/email-confirmation-approval.controller';

@Module({
  controllers: [EmailConfirmationApprovalController],
  providers: [RequestEmailConfirmationCommandHandler, ApproveEmailConfirmationCommandHandler],
})
export class EmailConfirmationWriteModule {}
