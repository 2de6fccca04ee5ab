-- Issue 34, flat at a million rows. Indexes are created IF NOT EXISTS: on a big database, create them beforehand
-- with CREATE INDEX CONCURRENTLY under the same names (docs/configuration.md), and this migration, which runs in
-- the migrator's transaction, skips them instead of building them while it holds the table's write lock.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "user_counts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"followers" integer DEFAULT 0 NOT NULL,
	"following" integer DEFAULT 0 NOT NULL,
	"posts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_counts" ADD CONSTRAINT "user_counts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "security_events_sign_in_idx" ON "security_events" USING btree ("user_id","id") WHERE "security_events"."type" = 'sign_in.succeeded';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_username_key_trgm_idx" ON "users" USING gin ("username_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_display_name_trgm_idx" ON "users" USING gin (lower("display_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_disabled_idx" ON "users" USING btree ("id") WHERE "users"."disabled_at" is not null;--> statement-breakpoint
-- Adds to one account's counts (a row is made on its first count). Callers bump two accounts in uuid order, so
-- two transactions touching the same pair (A follows B while B follows A) lock their rows in the same order.
CREATE FUNCTION "user_counts_bump"(account uuid, d_followers integer, d_following integer, d_posts integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO "user_counts" AS c ("user_id", "followers", "following", "posts")
  VALUES (account, d_followers, d_following, d_posts)
  ON CONFLICT ("user_id") DO UPDATE SET "followers" = c."followers" + d_followers,
    "following" = c."following" + d_following, "posts" = c."posts" + d_posts
$$;
--> statement-breakpoint
-- A deleted account's own row may be gone already (its cascade): then this changes nothing and makes no row.
CREATE FUNCTION "user_counts_drop"(account uuid, d_followers integer, d_following integer, d_posts integer)
RETURNS void LANGUAGE sql AS $$
  UPDATE "user_counts" SET "followers" = "followers" - d_followers, "following" = "following" - d_following,
    "posts" = "posts" - d_posts WHERE "user_id" = account
$$;
--> statement-breakpoint
CREATE FUNCTION "follows_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."follower_id" < NEW."followee_id" THEN
      PERFORM "user_counts_bump"(NEW."follower_id", 0, 1, 0);
      PERFORM "user_counts_bump"(NEW."followee_id", 1, 0, 0);
    ELSE
      PERFORM "user_counts_bump"(NEW."followee_id", 1, 0, 0);
      PERFORM "user_counts_bump"(NEW."follower_id", 0, 1, 0);
    END IF;
  ELSE
    IF OLD."follower_id" < OLD."followee_id" THEN
      PERFORM "user_counts_drop"(OLD."follower_id", 0, 1, 0);
      PERFORM "user_counts_drop"(OLD."followee_id", 1, 0, 0);
    ELSE
      PERFORM "user_counts_drop"(OLD."followee_id", 1, 0, 0);
      PERFORM "user_counts_drop"(OLD."follower_id", 0, 1, 0);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "follows_counts" AFTER INSERT OR DELETE ON "follows" FOR EACH ROW EXECUTE FUNCTION "follows_counts"();
--> statement-breakpoint
-- Public posts only (no organization); a post that changes author or organization moves its count.
CREATE FUNCTION "posts_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD."organization_id" IS NULL THEN
    PERFORM "user_counts_drop"(OLD."author_id", 0, 0, 1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."organization_id" IS NULL THEN
    PERFORM "user_counts_bump"(NEW."author_id", 0, 0, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "posts_counts" AFTER INSERT OR DELETE OR UPDATE OF "author_id", "organization_id" ON "posts"
  FOR EACH ROW EXECUTE FUNCTION "posts_counts"();
--> statement-breakpoint
-- The counts of the rows already there. The triggers above hold their tables' write lock until this commits, so
-- no follow or post slips between the two.
INSERT INTO "user_counts" ("user_id", "followers", "following", "posts")
SELECT u."id", coalesce(fe.n, 0), coalesce(fr.n, 0), coalesce(p.n, 0)
FROM "users" u
LEFT JOIN (SELECT "followee_id" AS id, count(*)::int AS n FROM "follows" GROUP BY 1) fe ON fe.id = u."id"
LEFT JOIN (SELECT "follower_id" AS id, count(*)::int AS n FROM "follows" GROUP BY 1) fr ON fr.id = u."id"
LEFT JOIN (SELECT "author_id" AS id, count(*)::int AS n FROM "posts" WHERE "organization_id" IS NULL GROUP BY 1) p
  ON p.id = u."id"
WHERE fe.n IS NOT NULL OR fr.n IS NOT NULL OR p.n IS NOT NULL;
