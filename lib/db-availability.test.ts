import { describe, expect, it } from "vitest";
import { safeDatabaseError } from "@/db/safe-errors";
import { isDatabaseUnavailable, outage } from "./db-availability";

describe("isDatabaseUnavailable", () => {
  it("recognises connection errors, directly, as a cause, and as Auth.js wraps them (cause.err)", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: refused }))).toBe(true);
    const authJs = Object.assign(new Error("Read more at https://errors.authjs.dev#callbackrouteerror"), {
      cause: { err: refused, provider: "credentials" },
    });
    expect(isDatabaseUnavailable(authJs)).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused]))).toBe(true);
  });

  it("recognises PgBouncer's answers while the server behind it is down, and a full server", () => {
    const login = Object.assign(new Error("server login has been failing, try again later (server_login_retry)"), {
      code: "08P01",
    });
    expect(isDatabaseUnavailable(login)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("too many clients"), { code: "53300" }))).toBe(true);
  });

  it("does not mistake other errors for an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable({ cause: { err: new Error("bad password") } })).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("keeps the pooler's own words for a connection exception, and no other error's message", () => {
    const pooler = Object.assign(new Error("query_wait_timeout"), { code: "08P01" });
    expect(outage(safeDatabaseError(pooler))).toEqual({ reason: "08P01", message: "query_wait_timeout" });
    const wrapped = new Error("Failed query: select … params: secret", { cause: pooler });
    expect(outage(safeDatabaseError(wrapped))).toEqual({ reason: "08P01", message: "query_wait_timeout" });
    const value = Object.assign(new Error('invalid input syntax for type uuid: "secret"'), { code: "22P02" });
    expect(JSON.stringify({ ...safeDatabaseError(value) })).not.toContain("secret");
    expect(outage(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toEqual({ reason: "ECONNREFUSED" });
  });
});
