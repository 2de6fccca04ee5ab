import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { registerUser } from "../account/register";
import { signIn } from "./sign-in";
import { hashToken } from "../crypto/tokens";

const client = { ip: "203.0.113.7", userAgent: "vitest" };
let n = 0;
async function account() {
  const name = `s${Date.now().toString(36)}${(n++).toString(36)}`;
  const input = { username: `Sign${name}`, email: `${name}@example.com`, password: "a good long password" };
  const result = await registerUser(input);
  if (!result.ok) throw new Error("setup failed");
  return { ...input, user: result.value };
}

describe("signIn", () => {
  it("accepts the username in any case or the email, and opens a session stored as a hash", async () => {
    const a = await account();
    for (const login of [a.username, a.username.toLowerCase(), a.email.toUpperCase()]) {
      const result = await signIn({ login, password: a.password }, "api", client);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.value.user.id).toBe(a.user.id);
      expect(result.value.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const db = await getDb();
      const [row] = await db.select().from(sessions).where(eq(sessions.id, result.value.session.id));
      expect(row).toMatchObject({ kind: "api", ip: "203.0.113.7", userAgent: "vitest", userId: a.user.id });
      expect(row!.tokenHash).toBe(hashToken(result.value.session.token));
      expect(row!.tokenHash).not.toBe(result.value.session.token);
      const days = (row!.expiresAt.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
    }
  });

  it("answers a wrong password and an unknown account with the same error, and opens no session", async () => {
    const a = await account();
    const wrong = await signIn({ login: a.username, password: "not the password" }, "api", client);
    const unknown = await signIn({ login: "nobody-here", password: "not the password" }, "api", client);
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.userId, a.user.id))).toHaveLength(0);
  });

  it("answers a wrong password for a disabled account like any wrong password; the right one learns it is disabled", async () => {
    const a = await account();
    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, a.user.id));
    const wrong = await signIn({ login: a.username, password: "not the password" }, "api", client);
    const unknown = await signIn({ login: "nobody-here", password: "not the password" }, "api", client);
    expect(wrong).toEqual(unknown);
    const right = await signIn({ login: a.username, password: a.password }, "api", client);
    expect(right).toMatchObject({ ok: false, error: { code: "forbidden", reason: "account_disabled" } });
    expect(await db.select().from(sessions).where(eq(sessions.userId, a.user.id))).toHaveLength(0);
  });

  it("refuses an empty login or password as a validation error", async () => {
    const result = await signIn({ login: " ", password: "" }, "api", client);
    expect(result).toMatchObject({ ok: false, error: { code: "validation" } });
    if (!result.ok) expect(Object.keys(result.error.fields ?? {}).sort()).toEqual(["login", "password"]);
  });

  it("refuses a login holding a lone surrogate as a validation error, without a query failing", async () => {
    for (const login of ["a\udc5b", "\ud800", "x\udfffy@example.com"]) {
      const result = await signIn({ login, password: "a good long password" }, "api", client);
      expect(result).toMatchObject({ ok: false, error: { code: "validation", fields: { login: expect.any(Array) } } });
    }
  });
});
