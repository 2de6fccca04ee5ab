-- Issue 34, the console's search flat at a million accounts: one trigram index over the three fields it reads
-- (db/schema.ts, usersSearchText) instead of three OR-ed bitmap scans. Created IF NOT EXISTS: on a big database,
-- create it beforehand with CREATE INDEX CONCURRENTLY under the same name (docs/configuration.md), and this
-- migration, which runs in the migrator's transaction, skips it instead of building it under the table's write lock.
-- fastupdate off: no pending list for a search to read through between vacuums (db/schema.ts says what it costs).
CREATE INDEX IF NOT EXISTS "users_search_trgm_idx" ON "users" USING gin ((E'\x01' || "username_key" || E'\x01' || "email" || E'\x01' || coalesce(lower("display_name"), '')) gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
DROP INDEX IF EXISTS "users_username_key_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "users_email_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "users_display_name_trgm_idx";
