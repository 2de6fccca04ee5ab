import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { registerUser } from "./register";

let n = 0;
const unique = () => `u${Date.now().toString(36)}${(n++).toString(36)}`;
const valid = () => {
  const name = unique();
  return { username: name, email: `${name}@example.com`, password: "correct horse battery" };
};

describe("registerUser", () => {
  it("creates an account and returns a DTO without the password hash", async () => {
    const input = { ...valid(), displayName: "  Ada Lovelace ", bio: "Hello\r\nworld" };
    const result = await registerUser(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      username: input.username,
      email: input.email,
      emailVerified: false,
      displayName: "Ada Lovelace",
      bio: "Hello\nworld",
      avatarUrl: null,
      hasPassword: true,
    });
    expect(Object.keys(result.value).sort()).toEqual(
      [
        "avatarUrl",
        "bio",
        "createdAt",
        "displayName",
        "email",
        "emailVerified",
        "hasPassword",
        "id",
        "twoFactor",
        "username",
      ].sort(),
    );
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, result.value.id));
    expect(row!.passwordHash).toMatch(/^\$2[aby]\$04\$/);
    expect(row!.passwordHash).not.toContain(input.password);
    expect(row!.role).toBe("user");
  });

  it("stores the email trimmed and lower-cased, and the username as typed with a lower-cased key", async () => {
    const name = unique();
    const result = await registerUser({
      username: `Mixed${name}`,
      email: `  Mixed.${name}@Example.COM `,
      password: "a long password",
    });
    expect(result.ok && result.value.email).toBe(`mixed.${name}@example.com`);
    expect(result.ok && result.value.username).toBe(`Mixed${name}`);
  });

  it("refuses a username taken in another case, naming the field", async () => {
    const first = valid();
    expect((await registerUser(first)).ok).toBe(true);
    const second = await registerUser({ ...valid(), username: first.username.toUpperCase() });
    expect(second).toMatchObject({
      ok: false,
      error: { code: "conflict", fields: { username: [expect.any(String)] } },
    });
  });

  it("refuses an email taken in another case, naming the field", async () => {
    const first = valid();
    expect((await registerUser(first)).ok).toBe(true);
    const second = await registerUser({ ...valid(), email: first.email.toUpperCase() });
    expect(second).toMatchObject({ ok: false, error: { code: "conflict", fields: { email: [expect.any(String)] } } });
  });

  it("gives two racing sign-ups with one email one account and one conflict", async () => {
    const email = `${unique()}@example.com`;
    const results = await Promise.all([registerUser({ ...valid(), email }), registerUser({ ...valid(), email })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === "conflict" && r.error.fields?.email)).toHaveLength(1);
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it.each([
    ["username", { username: "ab" }, /at least 3/],
    ["username", { username: "a".repeat(31) }, /at most 30/],
    ["username", { username: "_hidden" }, /Start with a letter/],
    ["username", { username: "with space" }, /only letters/],
    ["username", { username: "Admin" }, /reserved/],
    ["username", { username: "settings" }, /reserved/],
    ["email", { email: "not-an-email" }, /valid email/],
    ["email", { email: "a@b.co,c@d.co" }, /valid email/],
    ["email", { email: `${"a".repeat(250)}@example.com` }, /254/],
    ["password", { password: "short" }, /at least 8/],
    ["password", { password: "é".repeat(37) }, /72 bytes/],
    ["password", { password: "Password" }, /most common passwords/],
    ["password", { password: "P@ssw0rd1!" }, /small changes/],
    ["password", { password: "qwerty123456" }, /most common passwords|small changes/],
    ["displayName", { displayName: "x".repeat(51) }, /50/],
    ["avatarUrl", { avatarUrl: "javascript:alert(1)" }, /http\(s\)/],
    ["avatarUrl", { avatarUrl: "/relative.png" }, /http\(s\)/],
    ["bio", { bio: "word ".repeat(501) }, /500 words/],
    ["bio", { bio: "x".repeat(5001) }, /5000 characters/],
  ])("refuses a bad %s (%j) and writes nothing", async (field, override, message) => {
    const input = { ...valid(), ...override };
    const result = await registerUser(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("validation");
    expect(result.error.fields?.[field]?.join(" ")).toMatch(message);
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, input.email.toLowerCase()))).toHaveLength(0);
  });

  it("refuses a password that holds the username or the email's local part, in any case", async () => {
    const input = valid();
    for (const [password, message] of [
      [`${input.username.toUpperCase()}-secret`, /username/],
      [`my ${input.username}!`, /username/],
      [`x${input.email.split("@")[0]!.toUpperCase()}`, /username|email/],
    ] as const) {
      const result = await registerUser({ ...input, password });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.fields?.password?.join(" ")).toMatch(message);
    }
    const other = { ...valid(), username: "ada-l" };
    const byEmail = await registerUser({ ...other, email: "lovelace.ada@example.com", password: "LOVELACE.ADA-1815" });
    expect(byEmail.ok).toBe(false);
    if (!byEmail.ok) expect(byEmail.error.fields?.password).toEqual(["Don't use your email address in your password."]);
  });

  it("checks the password policy even when another field is wrong", async () => {
    const result = await registerUser({ ...valid(), email: "nope", password: "password1" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error.fields ?? {}).sort()).toEqual(["email", "password"]);
  });

  it("accepts a 500-word bio and a 72-byte password", async () => {
    const result = await registerUser({ ...valid(), bio: "word ".repeat(500), password: "é".repeat(36) });
    expect(result.ok).toBe(true);
  });

  it("ignores fields the caller may not set", async () => {
    const result = await registerUser({
      ...valid(),
      role: "admin",
      emailVerified: true,
      id: "00000000-0000-0000-0000-000000000000",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.emailVerified).toBe(false);
    expect(result.value.id).not.toBe("00000000-0000-0000-0000-000000000000");
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, result.value.id));
    expect(row!.role).toBe("user");
  });
});
