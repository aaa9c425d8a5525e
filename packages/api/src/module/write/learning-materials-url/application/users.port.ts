export const USERS_PORT = Symbol('USERS_PORT');

/** What this slice needs to know about users; answered from read models, never from another slice's code. */
export interface UsersPort {
  /** The course user of the user's latest course; undefined when the user takes part in no course. */
  currentCourseUserIdOf(userId: string): Promise<string | undefined>;

  /** The full name of a course user whose registration was completed; undefined otherwise. */
  fullNameOf(courseUserId: string): Promise<string | undefined>;
}
