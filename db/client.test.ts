import { describe, expect, it } from "vitest";
import { postgresTarget } from "./client";
import { databaseSettings } from "./settings";

describe("postgresTarget (transaction poolers)", () => {
  it("keeps prepared statements by default", () => {
    expect(postgresTarget("postgres://u@h:5432/db", true)).toEqual({
      url: "postgres://u@h:5432/db",
      prepare: true,
    });
  });

  it("turns them off for ?pgbouncer=true and removes the parameter postgres.js would send to the server", () => {
    const t = postgresTarget("postgres://u:p@pool.example.com:6543/db?pgbouncer=true&sslmode=require", true);
    expect(t.prepare).toBe(false);
    expect(new URL(t.url).searchParams.has("pgbouncer")).toBe(false);
    expect(new URL(t.url).searchParams.get("sslmode")).toBe("require");
  });

  it("turns them off with DATABASE_PREPARE=false", () => {
    expect(databaseSettings({ DATABASE_PREPARE: "false" }).DATABASE_PREPARE).toBe(false);
    expect(databaseSettings({ DATABASE_PREPARE: " Off " }).DATABASE_PREPARE).toBe(false);
    expect(databaseSettings({ DATABASE_PREPARE: "true" }).DATABASE_PREPARE).toBe(true);
    expect(databaseSettings({}).DATABASE_PREPARE).toBe(true);
    expect(postgresTarget("postgres://u@h/db", false).prepare).toBe(false);
  });
});

describe("database settings (validated, as lib/env.ts validates them at start-up)", () => {
  it("refuses a pool size that is not a whole number from 1, naming the variable", () => {
    for (const bad of ["x", "0", "2.5", "-1"]) {
      expect(() => databaseSettings({ DATABASE_POOL_MAX: bad })).toThrow(/DATABASE_POOL_MAX/);
    }
    expect(databaseSettings({ DATABASE_POOL_MAX: "3" }).DATABASE_POOL_MAX).toBe(3);
    expect(databaseSettings({}).DATABASE_POOL_MAX).toBe(10);
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL; an empty one means PGlite", () => {
    expect(() => databaseSettings({ DATABASE_URL: "mysql://u@h/db" })).toThrow(/DATABASE_URL/);
    expect(databaseSettings({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(databaseSettings({ DATABASE_URL: "postgresql://u@h/db" }).DATABASE_URL).toBe("postgresql://u@h/db");
  });
});
