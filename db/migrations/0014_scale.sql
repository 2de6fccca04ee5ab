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
-- The profile counts (user_counts): followers counts the follows from enabled accounts, following those to enabled
-- accounts, posts the public posts. Adds to one account's counts: a row is made on its first count; a decrease
-- only updates (the account's row may be gone with the account, in the cascade of its deletion).
CREATE FUNCTION "user_counts_add"(account uuid, d_followers integer, d_following integer, d_posts integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d_followers < 0 OR d_following < 0 OR d_posts < 0 THEN
    UPDATE "user_counts" SET "followers" = "followers" + d_followers, "following" = "following" + d_following,
      "posts" = "posts" + d_posts WHERE "user_id" = account;
  ELSE
    INSERT INTO "user_counts" AS c ("user_id", "followers", "following", "posts")
    VALUES (account, d_followers, d_following, d_posts)
    ON CONFLICT ("user_id") DO UPDATE SET "followers" = c."followers" + d_followers,
      "following" = c."following" + d_following, "posts" = c."posts" + d_posts;
  END IF;
END
$$;
--> statement-breakpoint
-- A follow made or ended. Before the row changes, both accounts' rows are locked FOR SHARE (in id order), so a
-- disable, re-enable or deletion of either waits for this transaction, or this one for it, and each follow is
-- counted once; after it, the counts change. An account gone from `users` is being deleted: users_counts_leave
-- has already taken its follows out.
CREATE FUNCTION "follows_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  follower uuid;
  followee uuid;
  sign integer := 1;
  follower_on boolean;
  followee_on boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    follower := NEW."follower_id";
    followee := NEW."followee_id";
  ELSE
    follower := OLD."follower_id";
    followee := OLD."followee_id";
    sign := -1;
  END IF;
  IF TG_WHEN = 'BEFORE' THEN
    PERFORM 1 FROM "users" WHERE "id" IN (follower, followee) ORDER BY "id" FOR SHARE;
    IF TG_OP = 'INSERT' THEN RETURN NEW; END IF;
    RETURN OLD;
  END IF;
  SELECT "disabled_at" IS NULL INTO follower_on FROM "users" WHERE "id" = follower;
  SELECT "disabled_at" IS NULL INTO followee_on FROM "users" WHERE "id" = followee;
  IF follower_on IS NULL OR followee_on IS NULL THEN
    RETURN NULL;
  END IF;
  -- In id order too, so A following B while B follows A lock the two counts rows in the same order.
  IF follower < followee THEN
    IF followee_on THEN PERFORM "user_counts_add"(follower, 0, sign, 0); END IF;
    IF follower_on THEN PERFORM "user_counts_add"(followee, sign, 0, 0); END IF;
  ELSE
    IF follower_on THEN PERFORM "user_counts_add"(followee, sign, 0, 0); END IF;
    IF followee_on THEN PERFORM "user_counts_add"(follower, 0, sign, 0); END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "follows_lock_accounts" BEFORE INSERT OR DELETE ON "follows" FOR EACH ROW
  EXECUTE FUNCTION "follows_counts"();
--> statement-breakpoint
CREATE TRIGGER "follows_counts" AFTER INSERT OR DELETE ON "follows" FOR EACH ROW EXECUTE FUNCTION "follows_counts"();
--> statement-breakpoint
-- An account disabled (-1) or enabled again (+1): the accounts it follows and its followers count it or not.
CREATE FUNCTION "users_counts_toggle"(account uuid, sign integer) RETURNS void LANGUAGE sql AS $$
  UPDATE "user_counts" c SET "followers" = c."followers" + sign FROM "follows" f
    WHERE f."follower_id" = account AND c."user_id" = f."followee_id";
  UPDATE "user_counts" c SET "following" = c."following" + sign FROM "follows" f
    WHERE f."followee_id" = account AND c."user_id" = f."follower_id";
$$;
--> statement-breakpoint
CREATE FUNCTION "users_counts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM "users_counts_toggle"(OLD."id", -1);
    RETURN OLD;
  END IF;
  PERFORM "users_counts_toggle"(NEW."id", CASE WHEN NEW."disabled_at" IS NULL THEN 1 ELSE -1 END);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "users_counts_toggle" AFTER UPDATE OF "disabled_at" ON "users" FOR EACH ROW
  WHEN ((OLD."disabled_at" IS NULL) <> (NEW."disabled_at" IS NULL)) EXECUTE FUNCTION "users_counts_changed"();
--> statement-breakpoint
-- Before an enabled account's row goes (its follows go after it, by cascade, and find it gone).
CREATE TRIGGER "users_counts_leave" BEFORE DELETE ON "users" FOR EACH ROW
  WHEN (OLD."disabled_at" IS NULL) EXECUTE FUNCTION "users_counts_changed"();
--> statement-breakpoint
-- Public posts only (no organization); a post that changes author or organization moves its count.
CREATE FUNCTION "posts_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD."organization_id" IS NULL THEN
    PERFORM "user_counts_add"(OLD."author_id", 0, 0, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."organization_id" IS NULL THEN
    PERFORM "user_counts_add"(NEW."author_id", 0, 0, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "posts_counts" AFTER INSERT OR DELETE OR UPDATE OF "author_id", "organization_id" ON "posts"
  FOR EACH ROW EXECUTE FUNCTION "posts_counts"();
--> statement-breakpoint
-- The counts of the rows already there (scripts/bench/scale.mjs runs the same statement after its fill). The
-- triggers above hold their tables' write locks until this commits, so nothing slips between the two.
INSERT INTO "user_counts" ("user_id", "followers", "following", "posts")
SELECT u."id", coalesce(fe.n, 0), coalesce(fr.n, 0), coalesce(p.n, 0)
FROM "users" u
LEFT JOIN (SELECT f."followee_id" AS id, count(*)::int AS n FROM "follows" f
  JOIN "users" o ON o."id" = f."follower_id" AND o."disabled_at" IS NULL GROUP BY 1) fe ON fe.id = u."id"
LEFT JOIN (SELECT f."follower_id" AS id, count(*)::int AS n FROM "follows" f
  JOIN "users" o ON o."id" = f."followee_id" AND o."disabled_at" IS NULL GROUP BY 1) fr ON fr.id = u."id"
LEFT JOIN (SELECT "author_id" AS id, count(*)::int AS n FROM "posts" WHERE "organization_id" IS NULL GROUP BY 1) p
  ON p.id = u."id"
WHERE fe.n IS NOT NULL OR fr.n IS NOT NULL OR p.n IS NOT NULL;
