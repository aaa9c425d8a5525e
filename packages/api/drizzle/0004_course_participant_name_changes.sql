ALTER TABLE "course_participant_accounts" ALTER COLUMN "full_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "course_participant_accounts" ALTER COLUMN "email_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "course_participant_accounts" ADD COLUMN "full_name_version" integer DEFAULT 0 NOT NULL;