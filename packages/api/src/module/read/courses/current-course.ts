type ScheduledCourse = Readonly<{ courseId: string; startsAt: Date }>;

/**
 * The course a registration completed at `now` would be enrolled in, as the enrolment automation
 * (when-user-registration-was-completed-then-register-course-user) chooses: the configured
 * CURRENT_COURSE_ID, else the latest course started by `now` (ties by the greater id). Undefined
 * when no listed course is the one: none has started, or the configured one is not created yet.
 */
export function currentCourseId(courses: readonly ScheduledCourse[], configured: string | undefined, now: Date): string | undefined {
  if (configured !== undefined) return courses.some((course) => course.courseId === configured) ? configured : undefined;
  const started = courses.filter((course) => course.startsAt.getTime() <= now.getTime());
  return started.reduce<ScheduledCourse | undefined>((latest, course) => (latest === undefined || startsLater(course, latest) ? course : latest), undefined)
    ?.courseId;
}

function startsLater(course: ScheduledCourse, than: ScheduledCourse): boolean {
  const difference = course.startsAt.getTime() - than.startsAt.getTime();
  return difference > 0 || (difference === 0 && course.courseId > than.courseId);
}
