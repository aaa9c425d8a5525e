import { pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The generated learning materials, one per course user. Projected by module/read/learning-materials;
 * published here because the process.st webhook checks that the materials it hears about exist.
 */
export const learningMaterials = pgTable('learning_materials', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  courseUserId: text('course_user_id').notNull().unique(),
});
