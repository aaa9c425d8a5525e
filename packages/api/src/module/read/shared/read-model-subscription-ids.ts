/**
 * The subscriptions that fill the tables published beside this file. Whoever must see a read model
 * caught up names it here: a controller awaiting `ReadModelCatchUp.waitFor` (login, logout, a password
 * change), an automation declaring `.readsFrom`. Kept apart from the tables, which only the slices that
 * need the rows may import (.dependency-cruiser.cjs).
 */
export const AUTH_USERS_SUBSCRIPTION_ID = 'AuthUsersReadModel_v1';
export const COURSE_PARTICIPANTS_SUBSCRIPTION_ID = 'CourseParticipantsReadModel_v1';
export const USER_SESSIONS_SUBSCRIPTION_ID = 'UserSessionsReadModel_v1';
/** The automation that carries an erasure out (address, key, plaintext): an erasure answers once it has run. */
export const PERSONAL_DATA_ERASURE_SUBSCRIPTION_ID = 'WhenUserWasErasedThenErasePersonalData_v1';
