import { describe, expect, it } from "vitest";
import { postgresTarget } from "./client";

describe("postgresTarget (transaction poolers)", () => {
  it("keeps prepared statements by default", () => {
    expect(postgresTarget("postgres://u@h:5432/db", undefined)).toEqual({
      url: "postgres://u@h:5432/db",
      prepare: true,
    });
  });

  it("turns them off for ?pgbouncer=true and removes the parameter postgres.js would send to the server", () => {
    const t = postgresTarget("postgres://u:p@pool.example.com:6543/db?pgbouncer=true&sslmode=require", undefined);
    expect(t.prepare).toBe(false);
    expect(new URL(t.url).searchParams.has("pgbouncer")).toBe(false);
    expect(new URL(t.url).searchParams.get("sslmode")).toBe("require");
  });

  it("turns them off with DATABASE_PREPARE=false", () => {
    expect(postgresTarget("postgres://u@h/db", "false").prepare).toBe(false);
    expect(postgresTarget("postgres://u@h/db", "true").prepare).toBe(true);
  });
});
