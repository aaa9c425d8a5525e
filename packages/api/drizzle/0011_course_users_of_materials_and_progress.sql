CREATE TABLE "course_progress_course_users" (
	"course_user_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_materials_course_users" (
	"course_user_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "course_progress_course_users_user_id_idx" ON "course_progress_course_users" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "learning_materials_course_users_user_id_idx" ON "learning_materials_course_users" USING btree ("user_id");--> statement-breakpoint
-- Both read models are past the registrations already: they learn the course users known so far from the course participants' table, which every registration reached before any materials could be generated.
INSERT INTO "course_progress_course_users" ("course_user_id", "user_id") SELECT "course_user_id", "user_id" FROM "course_participants" ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "learning_materials_course_users" ("course_user_id", "user_id") SELECT "course_user_id", "user_id" FROM "course_participants" ON CONFLICT DO NOTHING;
