/**
 * The slices that project the tables the administrators' participants list joins besides its own
 * (module/read/user-profile), for its spec: the events must reach every one of them. Exported here
 * because a slice may not import another slice.
 */
export { CoursesReadModule } from '../../src/module/read/courses/courses.read-module';
export { CourseProgressReadModule } from '../../src/module/read/course-progress/course-progress.read-module';
export { CourseParticipantsReadModule } from './course-participants';
