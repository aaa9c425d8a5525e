CREATE TABLE "auth_users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"email_address" text NOT NULL,
	"hashed_password" text NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"email_confirmed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"course_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"email_address" text NOT NULL,
	"image" text,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_enrollment_courses" (
	"course_id" text PRIMARY KEY NOT NULL,
	"starts_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_enrollment_waiting_users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"waiting_since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "auth_users_email_address_unique" ON "auth_users" USING btree ("email_address");--> statement-breakpoint
CREATE INDEX "user_profiles_registered_at" ON "user_profiles" USING btree ("registered_at","user_id");