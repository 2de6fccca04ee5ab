import { Writable } from "node:stream";
import { inspect } from "node:util";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { newUser } from "@/vitest/people";
import { describeError, uniqueViolation } from "./db-errors";
import { route } from "./http/route";
import { setLogDestination } from "./log";

// An unexpected database error must never put the query's parameters (a new bcrypt hash, an email)
// or its text with values into the log: only SQLSTATE, constraint, table and the request id.
const SECRET_HASH = "$2b$12$KNOWNSECRETHASHknownsecrethashKNOWNSECRETHASHkno";
const SECRET_EMAIL = "known-secret-address@example.com";

function capture(): string[] {
  const lines: string[] = [];
  setLogDestination(
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return lines;
}
afterEach(() => setLogDestination());

async function failingInsert() {
  const db = await getDb();
  await db.insert(users).values({
    username: "nul",
    usernameKey: "nul",
    email: SECRET_EMAIL,
    passwordHash: SECRET_HASH,
    bio: "a\u0000b", // PostgreSQL's text refuses NUL: 22021 on both drivers
  });
}

async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("database errors carry no parameters", () => {
  it("the thrown error holds neither the parameters nor the values in its message, stack, fields or cause", async () => {
    const error = await caught(failingInsert);
    const printed = inspect(error, { depth: 10, showHidden: true }) + JSON.stringify(error) + String(error);
    expect(printed).not.toContain(SECRET_HASH);
    expect(printed).not.toContain(SECRET_EMAIL);
    expect(printed).not.toMatch(/insert into/i);
    expect(error).toMatchObject({ name: "DatabaseError", code: "22021" });
  });

  it("a value echoed in the driver's own message (invalid uuid) is not kept either", async () => {
    const db = await getDb();
    const error = await caught(() =>
      db
        .select()
        .from(users)
        .where(eq(users.id, "not-a-uuid-" + SECRET_EMAIL)),
    );
    const printed = inspect(error, { depth: 10, showHidden: true });
    expect(printed).not.toContain(SECRET_EMAIL);
    expect(error).toMatchObject({ code: "22P02" });
  });

  it("a unique violation still names its constraint (both drivers), without the duplicate value", async () => {
    const user = await newUser("dbe");
    const db = await getDb();
    const error = await caught(() =>
      db
        .insert(users)
        .values({ username: "dup", usernameKey: "dup-" + user.id, email: user.email, passwordHash: SECRET_HASH }),
    );
    expect(uniqueViolation(error)).toBe("users_email_unique");
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(user.email);
    expect(describeError(error)).toMatchObject({ sqlstate: "23505", constraint: "users_email_unique" });
  });

  it("route() logs SQLSTATE, table and request id of an unexpected database error, never its parameters", async () => {
    const lines = capture();
    const handler = route(async () => {
      await failingInsert();
      return new Response("unreachable");
    });
    const res = await handler(new Request("http://app.test/api/anything", { method: "POST" }), {});
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain(SECRET_HASH);
    const requestId = res.headers.get("x-request-id");
    const text = lines.join("");
    expect(text).not.toContain(SECRET_HASH);
    expect(text).not.toContain(SECRET_EMAIL);
    expect(text).not.toMatch(/insert into|params/i);
    const line = JSON.parse(lines.find((l) => l.includes("unhandled error"))!);
    expect(line).toMatchObject({ level: "error", requestId, sqlstate: "22021", error: "database error" });
  });
});
