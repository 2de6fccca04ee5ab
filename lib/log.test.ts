import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { log, setLogDestination, withLogContext } from "./log";

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

describe("log", () => {
  it("writes one JSON line with time, level, msg and the fields", () => {
    const lines = capture();
    log.warn("something", { a: 1 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "warn", msg: "something", a: 1 });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it("redacts passwords, tokens, cookies and authorization headers by configuration", () => {
    const lines = capture();
    log.info("oops", {
      password: "hunter2-password",
      token: "tok-123456",
      body: { newPassword: "nested-secret", login: "ada" },
      headers: { authorization: "Bearer abc-token", cookie: "sid=cookie-value", "user-agent": "ua" },
      deep: { inner: { sessionToken: "deep-token" } },
    });
    const text = lines.join("");
    for (const secret of ["hunter2-password", "tok-123456", "nested-secret", "abc-token", "cookie-value", "deep-token"])
      expect(text).not.toContain(secret);
    const line = JSON.parse(text);
    expect(line.body.login).toBe("ada");
    expect(line.headers["user-agent"]).toBe("ua");
    expect(line.password).toBe("[redacted]");
  });

  it("adds the request id of the surrounding context", async () => {
    const lines = capture();
    await withLogContext({ requestId: "req-1" }, async () => {
      await Promise.resolve();
      log.info("inside");
    });
    log.info("outside");
    expect(JSON.parse(lines[0]!).requestId).toBe("req-1");
    expect(JSON.parse(lines[1]!).requestId).toBeUndefined();
  });
});
