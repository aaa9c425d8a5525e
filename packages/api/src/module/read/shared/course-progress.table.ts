import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Tasks completed per course user, once their learning materials exist. Projected by
 * module/read/course-progress; published here because the administrators' participants list
 * (module/read/user-profile) shows each participant's progress.
 */
export const courseProgress = pgTable('course_progress', {
  courseUserId: text('course_user_id').primaryKey(),
  learningMaterialsId: text('learning_materials_id').notNull().unique(),
  completedTasks: integer('completed_tasks').notNull().default(0),
  /**
   * Version of the LearningMaterialsTasks stream last counted: task events of one materials share
   * that stream, so an event at or below it was counted already (a redelivery).
   */
  tasksStreamVersion: integer('tasks_stream_version').notNull().default(0),
});
