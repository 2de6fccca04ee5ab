ALTER TABLE "posts" ALTER COLUMN "created_at" SET DATA TYPE timestamp with time zone;--> statement-breakpoint
ALTER TABLE "posts" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "factors_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webauthn_challenges" ADD COLUMN "binding_hash" text;--> statement-breakpoint
ALTER TABLE "webauthn_challenges" ADD COLUMN "client_key" text;--> statement-breakpoint
CREATE INDEX "webauthn_challenges_client_idx" ON "webauthn_challenges" USING btree ("client_key","expires_at");