import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { securityEvents } from "@/db/schema";
import { registerUser } from "../account/register";
import { signIn } from "../auth/sign-in";
import { eventLabel } from "./event-labels";
import { listEvents, recordEvent } from "./events";

let n = 0;
const ipFor = () => `192.0.2.${(n++ % 250) + 1}`;
async function account() {
  const name = `sm${Date.now().toString(36)}${(n++).toString(36)}`;
  const input = { username: name, email: `${name}@example.com`, password: "a good long password" };
  const r = await registerUser(input);
  if (!r.ok) throw new Error("setup failed");
  return { ...input, user: r.value };
}
async function rowsOf(userId: string, type = "sign_in.failed") {
  const db = await getDb();
  return db
    .select()
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, type)))
    .orderBy(securityEvents.id);
}

beforeAll(() => getDb()); // migrations run here, outside any test's time limit

describe("summarised failed tries", () => {
  it("makes one row per account, type and reason in a window, counting the tries, and tells them in words", async () => {
    const a = await account();
    const b = await account();
    for (let i = 0; i < 4; i++)
      await recordEvent("sign_in.failed", {
        ip: ipFor(),
        userAgent: "vitest",
        userId: a.user.id,
        detail: { reason: "wrong_password" },
      });
    await recordEvent("sign_in.failed", {
      ip: ipFor(),
      userAgent: "vitest",
      userId: a.user.id,
      detail: { reason: "disabled" },
    });
    await recordEvent("sign_in.failed", {
      ip: ipFor(),
      userAgent: "vitest",
      userId: b.user.id,
      detail: { reason: "wrong_password" },
    });
    const rows = await rowsOf(a.user.id);
    expect(rows.map((r) => [r.detail?.reason, r.detail?.tries])).toEqual([
      ["wrong_password", 4],
      ["disabled", undefined],
    ]);
    expect(rows[0]!.detail?.lastAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await rowsOf(b.user.id)).toHaveLength(1);
    const page = await listEvents(a.user.id, {});
    const summary = page.ok ? page.value.events.find((e) => e.detail.reason === "wrong_password") : undefined;
    expect(summary?.detail.tries).toBe(4);
    expect(eventLabel(summary!)).toMatch(
      /^Failed sign-in attempt \(wrong password\) — 4 times within 15 minutes, the last at \d\d:\d\d UTC$/,
    );
    expect(eventLabel(summary!, "admin")).toContain("4 times");
  });

  it("starts a new row once the window's row is older than 15 minutes", async () => {
    const a = await account();
    const client = {
      ip: ipFor(),
      userAgent: "vitest",
      userId: a.user.id,
      detail: { purpose: "sign_in", method: "totp" },
    };
    await recordEvent("mfa.failed", client);
    await recordEvent("mfa.failed", client);
    const db = await getDb();
    await db
      .update(securityEvents)
      .set({ createdAt: sql`now() - interval '16 minutes'` })
      .where(eq(securityEvents.userId, a.user.id));
    await recordEvent("mfa.failed", client);
    const rows = await rowsOf(a.user.id, "mfa.failed");
    expect(rows.map((r) => r.detail?.tries)).toEqual([2, undefined]);
  });

  it("counts every one of a parallel flood in one row", async () => {
    const a = await account();
    const detail = { reason: "wrong_password" };
    await Promise.all(
      Array.from({ length: 25 }, () =>
        recordEvent("sign_in.failed", { ip: ipFor(), userAgent: "vitest", userId: a.user.id, detail }),
      ),
    );
    const rows = await rowsOf(a.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail).toMatchObject({ reason: "wrong_password", tries: 25 });
  });

  it("a parallel flood of wrong passwords through sign-in, from many addresses, is one row with every try", async () => {
    const a = await account();
    const tries = 12;
    const results = await Promise.all(
      Array.from({ length: tries }, () =>
        signIn({ login: a.username, password: "not the password" }, "api", { ip: ipFor(), userAgent: "vitest" }),
      ),
    );
    const refused = results.filter((r) => !r.ok && r.error.code === "unauthorized").length;
    expect(refused).toBeGreaterThan(0);
    const rows = await rowsOf(a.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail).toMatchObject({ reason: "wrong_password" });
    expect((rows[0]!.detail?.tries as number | undefined) ?? 1).toBe(refused);
    // The right password still signs in, and is its own row.
    expect(
      (await signIn({ login: a.username, password: a.password }, "api", { ip: ipFor(), userAgent: "vitest" })).ok,
    ).toBe(true);
    expect(await rowsOf(a.user.id, "sign_in.succeeded")).toHaveLength(1);
  });

  it("with no account, summarises by address", async () => {
    const ip = ipFor();
    const other = ipFor();
    const marker = `unknown-${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++)
      await recordEvent("sign_in.failed", { ip, userAgent: "vitest", detail: { reason: marker } });
    await recordEvent("sign_in.failed", { ip: other, userAgent: "vitest", detail: { reason: marker } });
    const db = await getDb();
    const rows = await db
      .select()
      .from(securityEvents)
      .where(sql`${securityEvents.detail}->>'reason' = ${marker}`)
      .orderBy(securityEvents.id);
    expect(rows.map((r) => [r.ip, r.detail?.tries])).toEqual([
      [ip, 3],
      [other, undefined],
    ]);
  });

  it("leaves every other event a row of its own", async () => {
    const a = await account();
    for (let i = 0; i < 3; i++)
      await recordEvent("session.revoked", { ip: ipFor(), userAgent: "vitest", userId: a.user.id });
    expect(await rowsOf(a.user.id, "session.revoked")).toHaveLength(3);
  });
});
