-- How many recovery codes each account has left, kept as a column so the caller lookup every authenticated request
-- makes (lib/sessions/resolve.ts, lib/api-keys/resolve.ts) reads it with the user's row: counting them there made
-- PostgreSQL set up a scan of recovery_codes on every lookup, even for an account without two-factor
-- (BENCHMARKS.md, "Issue 34, round 8"). Kept by the triggers below, whatever statement adds or removes codes.
ALTER TABLE "users" ADD COLUMN "recovery_codes_left" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "users" SET "recovery_codes_left" = c."n"
FROM (SELECT "user_id", count(*) AS "n" FROM "recovery_codes" GROUP BY "user_id") c
WHERE c."user_id" = "users"."id";
--> statement-breakpoint
-- Once per statement, each account's codes added or removed by it: a new set of ten is one update of the account's
-- row, not ten. In a deletion of the account (the cascade), its row is already gone and nothing is updated.
CREATE FUNCTION "recovery_codes_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" u SET "recovery_codes_left" = u."recovery_codes_left" + c."n"
  FROM (SELECT "user_id", count(*) AS "n" FROM "added" GROUP BY "user_id") c
  WHERE u."id" = c."user_id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "recovery_codes_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" u SET "recovery_codes_left" = u."recovery_codes_left" - c."n"
  FROM (SELECT "user_id", count(*) AS "n" FROM "removed" GROUP BY "user_id") c
  WHERE u."id" = c."user_id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "recovery_codes_added" AFTER INSERT ON "recovery_codes" REFERENCING NEW TABLE AS "added"
FOR EACH STATEMENT EXECUTE FUNCTION "recovery_codes_added"();
--> statement-breakpoint
CREATE TRIGGER "recovery_codes_removed" AFTER DELETE ON "recovery_codes" REFERENCING OLD TABLE AS "removed"
FOR EACH STATEMENT EXECUTE FUNCTION "recovery_codes_removed"();
