ALTER TABLE "course_participant_accounts" ALTER COLUMN "full_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "course_participant_accounts" ALTER COLUMN "email_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ALTER COLUMN "full_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ALTER COLUMN "email_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ALTER COLUMN "registered_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "course_participant_accounts" ADD COLUMN "full_name_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "full_name_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "image_version" integer DEFAULT 0 NOT NULL;