import { eq } from "drizzle-orm";
import { NO_CLIENT } from "@/vitest/people";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { verifyPassword } from "../crypto/passwords";
import { createSession } from "../sessions/create";
import { listSessions } from "../sessions/list";
import { resolveSessionToken } from "../sessions/resolve";
import { changePassword } from "./change-password";
import { deleteAccount } from "./delete-account";
import { getPublicProfile } from "../users/public-profile";
import { registerUser } from "./register";
import { updateProfile } from "./update-profile";

const PASSWORD = "a good long password";
let n = 0;
async function person() {
  const name = `a${Date.now().toString(36)}${(n++).toString(36)}`;
  const result = await registerUser({ username: name, email: `${name}@example.com`, password: PASSWORD });
  if (!result.ok) throw new Error("setup failed");
  return result.value;
}
const browser = {
  ip: "198.51.100.4",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
};

describe("updateProfile", () => {
  it("changes only the keys given, clears with null, and keeps the rest", async () => {
    const u = await person();
    const first = await updateProfile(u.id, { displayName: "Ada", bio: "Hi", avatarUrl: "https://example.com/a.png" });
    expect(first).toMatchObject({
      ok: true,
      value: { displayName: "Ada", bio: "Hi", avatarUrl: "https://example.com/a.png" },
    });
    const second = await updateProfile(u.id, { bio: null });
    expect(second).toMatchObject({
      ok: true,
      value: { displayName: "Ada", bio: null, avatarUrl: "https://example.com/a.png" },
    });
  });

  it("renames, refusing a name taken in another case, and frees the old name", async () => {
    const [a, b] = [await person(), await person()];
    expect(await updateProfile(a.id, { username: b.username.toUpperCase() })).toMatchObject({
      ok: false,
      error: { code: "conflict", fields: { username: [expect.any(String)] } },
    });
    const renamed = await updateProfile(a.id, { username: `New${a.username}` });
    expect(renamed).toMatchObject({ ok: true, value: { username: `New${a.username}` } });
    expect(await getPublicProfile(a.username)).toBeNull();
    expect(await getPublicProfile(`new${a.username}`)).toMatchObject({ username: `New${a.username}` });
  });

  it("refuses a 501-word bio and changes nothing", async () => {
    const u = await person();
    const result = await updateProfile(u.id, { bio: "word ".repeat(501), displayName: "Changed" });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { bio: [expect.stringMatching(/500 words/)] } },
    });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, u.id));
    expect(row!.displayName).toBeNull();
  });

  it("ignores role, emailVerified and id (mass assignment)", async () => {
    const u = await person();
    const result = await updateProfile(u.id, {
      role: "admin",
      emailVerified: true,
      emailVerifiedAt: new Date().toISOString(),
      id: "x",
      displayName: "Mal",
    });
    expect(result).toMatchObject({ ok: true, value: { id: u.id, emailVerified: false, displayName: "Mal" } });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, u.id));
    expect(row!.role).toBe("user");
    expect(row!.emailVerifiedAt).toBeNull();
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password as forbidden, changing nothing", async () => {
    const u = await person();
    const other = await createSession(u.id, "api", browser);
    const result = await changePassword(
      u.id,
      null,
      {
        currentPassword: "wrong password",
        newPassword: "another good one",
      },
      NO_CLIENT,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: "forbidden", fields: { currentPassword: [expect.any(String)] } },
    });
    expect(await resolveSessionToken(other.token)).not.toBeNull();
  });

  it("changes the password and revokes every other session, keeping the current one", async () => {
    const u = await person();
    const current = await createSession(u.id, "browser", browser);
    const otherBrowser = await createSession(u.id, "browser", browser);
    const api = await createSession(u.id, "api", browser);
    const result = await changePassword(
      u.id,
      current.id,
      {
        currentPassword: PASSWORD,
        newPassword: "a brand new password",
      },
      NO_CLIENT,
    );
    expect(result).toEqual({ ok: true, value: { revokedSessions: 2 } });
    expect(await resolveSessionToken(current.token)).not.toBeNull();
    expect(await resolveSessionToken(otherBrowser.token)).toBeNull();
    expect(await resolveSessionToken(api.token)).toBeNull();
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, u.id));
    expect(await verifyPassword("a brand new password", row!.passwordHash!)).toBe(true);
  });

  it("says a wrong current password, a common new one and a differing confirmation at once, changing nothing", async () => {
    const u = await person();
    const answer = await changePassword(
      u.id,
      null,
      { currentPassword: "wrong one", newPassword: "sunshine" },
      browser,
      {
        confirmPassword: ["The passwords do not match."],
      },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: "validation" } });
    if (!answer.ok)
      expect(answer.error.fields).toEqual({
        currentPassword: ["Incorrect password."],
        newPassword: [expect.stringMatching(/most common passwords/)],
        confirmPassword: ["The passwords do not match."],
      });
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, u.id));
    expect(await verifyPassword(PASSWORD, row!.passwordHash!)).toBe(true);
  });

  it("refuses a too-short new password as a field error", async () => {
    const u = await person();
    const result = await changePassword(u.id, null, { currentPassword: PASSWORD, newPassword: "short" }, NO_CLIENT);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { newPassword: [expect.any(String)] } },
    });
  });
});

describe("listSessions", () => {
  it("lists live sessions newest first with a readable device, marking the current one, hiding expired ones", async () => {
    const u = await person();
    const older = await createSession(u.id, "api", { ip: "203.0.113.9", userAgent: "curl/8.5.0" });
    await new Promise((r) => setTimeout(r, 5));
    const newer = await createSession(u.id, "browser", browser);
    const expired = await createSession(u.id, "browser", browser);
    const db = await getDb();
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, expired.id));
    const list = await listSessions(u.id, newer.id);
    expect(list.map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(list[0]).toMatchObject({ kind: "browser", device: "Chrome on Linux", ip: "198.51.100.4", current: true });
    expect(list[1]).toMatchObject({ kind: "api", device: "curl", current: false });
    expect(JSON.stringify(list)).not.toContain(newer.token);
  });
});

describe("deleteAccount", () => {
  it("refuses a wrong password and deletes nothing", async () => {
    const u = await person();
    expect(await deleteAccount(u.id, { password: "not it at all" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await getPublicProfile(u.username)).not.toBeNull();
  });

  it("deletes the user and their sessions, and frees the username and email", async () => {
    const u = await person();
    const s = await createSession(u.id, "api", browser);
    expect(await deleteAccount(u.id, { password: PASSWORD }, NO_CLIENT)).toEqual({
      ok: true,
      value: { username: u.username },
    });
    expect(await resolveSessionToken(s.token)).toBeNull();
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    const again = await registerUser({ username: u.username.toUpperCase(), email: u.email, password: PASSWORD });
    expect(again.ok).toBe(true);
  });
});

describe("getPublicProfile", () => {
  it("shows nothing private", async () => {
    const u = await person();
    const profile = await getPublicProfile(u.username.toUpperCase());
    expect(Object.keys(profile!).sort()).toEqual([
      "avatarUrl",
      "bio",
      "createdAt",
      "displayName",
      "followers",
      "following",
      "postCount",
      "posts",
      "username",
    ]);
  });
});
