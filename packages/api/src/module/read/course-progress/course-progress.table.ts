import { integer, pgTable, text } from 'drizzle-orm/pg-core';

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
