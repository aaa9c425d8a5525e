import { type DynamicModule, Module } from '@nestjs/common';
import { UserSessionsReadModule } from './module/read/user-sessions/user-sessions.read-module';
import { PasswordChangeWriteModule } from './module/write/password-change/password-change.write-module';
import { UserSessionsWriteModule } from './module/write/user-sessions/user-sessions.write-module';
import { WhenLearningMaterialsUrlWasGeneratedThenSendEmail } from './module/automation/when-learning-materials-url-was-generated-then-send-email/when-learning-materials-url-was-generated-then-send-email.automation';
import { CourseParticipantsReadModule } from './module/read/course-participants/course-participants.read-module';
import { CourseProgressReadModule } from './module/read/course-progress/course-progress.read-module';
import { LearningMaterialsReadModule } from './module/read/learning-materials/learning-materials.read-module';
import { LearningMaterialsTasksWriteModule } from './module/write/learning-materials-tasks/learning-materials-tasks.write-module';
import { LearningMaterialsUrlWriteModule } from './module/write/learning-materials-url/learning-materials-url.write-module';
import { WhenEmailConfirmationWasApprovedThenCompleteUserRegistration } from './module/automation/when-email-confirmation-was-approved-then-complete-user-registration/when-email-confirmation-was-approved-then-complete-user-registration.automation';
import { WhenEmailConfirmationWasRequestedThenSendEmailMessage } from './module/automation/when-email-confirmation-was-requested-then-send-email-message/when-email-confirmation-was-requested-then-send-email-message.automation';
import { WhenUserRegistrationWasCompletedThenRegisterCourseUser } from './module/automation/when-user-registration-was-completed-then-register-course-user/when-user-registration-was-completed-then-register-course-user.automation';
import { WhenUserRegistrationWasStartedThenRequestEmailConfirmation } from './module/automation/when-user-registration-was-started-then-request-email-confirmation/when-user-registration-was-started-then-request-email-confirmation.automation';
import { WhenUserWasErasedThenErasePersonalData } from './module/automation/when-user-was-erased-then-erase-personal-data/when-user-was-erased-then-erase-personal-data.automation';
import { WhenPasswordResetWasRequestedThenSendEmailMessage } from './module/automation/when-password-reset-was-requested-then-send-email-message/when-password-reset-was-requested-then-send-email-message.automation';
import { AuthUsersReadModule } from './module/read/auth-users/auth-users.read-module';
import { CoursesReadModule } from './module/read/courses/courses.read-module';
import { CausationReadModule } from './module/read/causation/causation.read-module';
import { UserProfileReadModule } from './module/read/user-profile/user-profile.read-module';
import { EmailSenderWriteModule } from './module/write/email-sender/email-sender.write-module';
import { EmailConfirmationResendWriteModule } from './module/write/email-confirmation-resend/email-confirmation-resend.write-module';
import { AdminRoleGrantWriteModule } from './module/write/admin-role-grant/admin-role-grant.write-module';
import { UserEventFeedReadModule } from './module/read/user-event-feed/user-event-feed.read-module';
import { PersonalDataExportReadModule } from './module/read/personal-data-export/personal-data-export.read-module';
import { SharedModule } from './module/write/shared/shared.module';
import { WriteSlicesModule } from './module/write/write-slices.module';
import { AdminAccountsWriteModule } from './module/write/admin-accounts/admin-accounts.write-module';
import { UserRegistrationWriteModule } from './module/write/user-registration/user-registration.write-module';
import { PasswordResetWriteModule } from './module/write/password-reset/password-reset.write-module';
import { SubscriptionsRuntimeModule, type SubscriptionsRuntime } from './module/write/shared/subscriptions-runtime';
import type { AppConfig } from './shared/config/app-config';
import { ApiDocumentModule } from './shared/api-docs/api-document';
import { AuthModule } from './shared/auth/auth.module';
import { ConfigModule } from './shared/config/config.module';
import { DatabaseModule } from './shared/database/database.module';
import { ErrorsModule } from './shared/errors/errors.module';
import { EventModelModule } from './shared/event-model/event-model.module';
import { HealthModule } from './shared/health/health.module';
import { LifecycleModule } from './shared/lifecycle/lifecycle.module';
import { MetricsModule } from './shared/metrics/metrics.module';
import { ObservabilityModule } from './shared/observability/observability.module';
import { RateLimitsModule } from './shared/rate-limits/rate-limits.module';
import { SubscriptionAdministrationReadModule } from './module/read/subscription-administration/subscription-administration.read-module';
import { SubscriptionAdministrationWriteModule } from './module/write/subscription-administration/subscription-administration.write-module';
import { StreamBrowserReadModule } from './module/read/stream-browser/stream-browser.read-module';

/** Slice modules: the write slices without ports (WriteSlicesModule), then one module per other write, read and automation slice. */
const SLICE_MODULES: DynamicModule['imports'] = [
  WriteSlicesModule,
  AdminAccountsWriteModule,
  CourseParticipantsReadModule,
  LearningMaterialsUrlWriteModule,
  LearningMaterialsReadModule,
  WhenLearningMaterialsUrlWasGeneratedThenSendEmail,
  LearningMaterialsTasksWriteModule,
  CourseProgressReadModule,
  UserRegistrationWriteModule,
  EmailConfirmationResendWriteModule,
  AdminRoleGrantWriteModule,
  EmailSenderWriteModule,
  AuthUsersReadModule,
  UserProfileReadModule,
  CoursesReadModule,
  WhenUserRegistrationWasStartedThenRequestEmailConfirmation,
  WhenEmailConfirmationWasRequestedThenSendEmailMessage,
  WhenEmailConfirmationWasApprovedThenCompleteUserRegistration,
  WhenUserRegistrationWasCompletedThenRegisterCourseUser,
  UserEventFeedReadModule,
  UserSessionsWriteModule,
  UserSessionsReadModule,
  PasswordChangeWriteModule,
  PasswordResetWriteModule,
  WhenPasswordResetWasRequestedThenSendEmailMessage,
  PersonalDataExportReadModule,
  WhenUserWasErasedThenErasePersonalData,
  CausationReadModule,
  SubscriptionAdministrationReadModule,
  SubscriptionAdministrationWriteModule,
  StreamBrowserReadModule,
];

/** Platform modules first, then the SDK wiring, then the slices. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: SubscriptionsRuntime = { startSubscriptions: true }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        SubscriptionsRuntimeModule.forRoot(runtime),
        ObservabilityModule,
        ErrorsModule,
        DatabaseModule,
        RateLimitsModule,
        SharedModule,
        AuthModule,
        HealthModule,
        MetricsModule.forRoot(config.metricsEnabled),
        LifecycleModule,
        ApiDocumentModule,
        EventModelModule,
        ...(SLICE_MODULES ?? []),
      ],
    };
  }
}
