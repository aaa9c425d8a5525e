/**
 * What the code cannot say about the Event Model: the order of the platform's story and of the
 * swimlanes. It may name, group and order elements the code yields, never add one: a name the
 * model does not have, or an element named twice, is a problem of the model
 * (`describe-event-model.ts`), and an element it leaves out still shows, after the story.
 */
export type EventModelDescription = Readonly<{
  /** Left to right. Each names commands, automations and read models (and any event to place apart from its command) by id. */
  steps: readonly Readonly<{ name: string; elements: readonly string[] }>[];
  /** Stream categories, top to bottom; the others follow in alphabetical order. */
  lanes: readonly string[];
}>;

export const EVENT_MODEL_DESCRIPTION: EventModelDescription = {
  steps: [
    { name: 'Registration', elements: ['RegisterUser', 'ReserveEmailAddress', 'ReleaseEmailAddressReservation', 'AuthUsersReadModel_v1'] },
    {
      name: 'Confirmation',
      elements: [
        'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1',
        'RequestEmailConfirmation',
        'WhenEmailConfirmationWasRequestedThenSendEmailMessage_v1',
        'SendEmailMessage',
        'ApproveEmailConfirmation',
        'WhenEmailConfirmationWasApprovedThenCompleteUserRegistration_v1',
        'CompleteUserRegistration',
        'UserProfileReadModel_v1',
      ],
    },
    { name: 'Sign-in', elements: ['StartUserSession', 'EndUserSession', 'UserSessionsReadModel_v1'] },
    {
      name: 'Enrolment',
      elements: ['CreateCourse', 'CoursesReadModel_v1', 'WhenUserRegistrationWasCompletedThenRegisterCourseUser_v1', 'RegisterCourseUser', 'CourseParticipantsReadModel_v1'],
    },
    { name: 'Learning materials', elements: ['GenerateLearningMaterialsUrl', 'WhenLearningMaterialsUrlWasGeneratedThenSendEmail_v1', 'LearningMaterialsReadModel_v1'] },
    { name: 'Progress', elements: ['CompleteTask', 'UncompleteTask', 'CourseProgressReadModel_v1', 'UserEventFeedReadModel_v1'] },
    {
      name: 'Account',
      elements: [
        'ChangeUserProfile',
        'ChangePassword',
        'RequestPasswordReset',
        'WhenPasswordResetWasRequestedThenSendEmailMessage_v1',
        'ConfirmPasswordReset',
        'EraseUser',
        'WhenUserWasErasedThenErasePersonalData_v1',
      ],
    },
    { name: 'Administration', elements: ['GrantAdminRole', 'ReplayParkedEvent', 'SkipParkedEvent', 'RequestSubscriptionRebuild'] },
  ],
  lanes: [
    'UserRegistration',
    'EmailAddressReservation',
    'EmailConfirmation',
    'EmailMessage',
    'UserSession',
    'Course',
    'CourseUser',
    'LearningMaterialsUrl',
    'LearningMaterialsTasks',
    'PasswordChange',
    'PasswordReset',
    'PersonalDataErasure',
    'UserRoles',
    'SubscriptionAdministration',
  ],
};
