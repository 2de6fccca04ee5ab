ALTER TABLE "mfa_challenges" ADD COLUMN "method" text;--> statement-breakpoint
ALTER TABLE "mfa_challenges" ADD COLUMN "provider" text;