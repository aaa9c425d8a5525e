CREATE TABLE "user_event_feed_course_users" (
	"course_user_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_event_feed_entries" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "user_event_feed_entries_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "user_event_feed_learning_materials" (
	"learning_materials_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"completed_tasks" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "user_event_feed_entries_user_position_idx" ON "user_event_feed_entries" USING btree ("user_id","position");