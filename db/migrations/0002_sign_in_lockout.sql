ALTER TYPE "public"."email_token_purpose" ADD VALUE 'unlock_sign_in';--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "subject" text;--> statement-breakpoint
CREATE INDEX "rate_limits_subject_idx" ON "rate_limits" USING btree ("subject") WHERE "rate_limits"."subject" is not null;