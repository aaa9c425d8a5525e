CREATE TABLE "course_progress" (
	"course_user_id" text PRIMARY KEY NOT NULL,
	"learning_materials_id" text NOT NULL,
	"completed_tasks" integer DEFAULT 0 NOT NULL,
	"tasks_stream_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "course_progress_learning_materials_id_unique" UNIQUE("learning_materials_id")
);
--> statement-breakpoint
CREATE TABLE "course_participant_accounts" (
	"user_id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"email_address" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_participants" (
	"course_user_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"course_id" text NOT NULL,
	"registered_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_materials" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"course_user_id" text NOT NULL,
	CONSTRAINT "learning_materials_course_user_id_unique" UNIQUE("course_user_id")
);
--> statement-breakpoint
CREATE INDEX "course_participants_user_id_idx" ON "course_participants" USING btree ("user_id");