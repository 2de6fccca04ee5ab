import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { registerUser } from "../account/register";
import { listEvents, recordEvent } from "./events";

const client = { ip: "203.0.113.7", userAgent: "vitest" };
let n = 0;
async function user() {
  const name = `e${Date.now().toString(36)}${(n++).toString(36)}`;
  const r = await registerUser({ username: name, email: `${name}@example.com`, password: "a good long password" });
  if (!r.ok) throw new Error("setup failed");
  return r.value;
}

beforeAll(() => getDb()); // migrations run here, outside any test's time limit

describe("security events", () => {
  it("pages through a person's events newest first, and only theirs", async () => {
    const a = await user();
    const b = await user();
    for (let i = 0; i < 5; i++) await recordEvent("sign_in.failed", { ...client, userId: a.id, detail: { i } });
    await recordEvent("sign_in.succeeded", { ...client, userId: b.id });
    const first = await listEvents(a.id, { limit: "2" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.events.map((e) => e.detail.i)).toEqual([4, 3]);
    expect(first.value.events[0]).toMatchObject({ type: "sign_in.failed", ip: "203.0.113.7", userAgent: "vitest" });
    const second = await listEvents(a.id, { limit: 2, cursor: first.value.nextCursor });
    const third = second.ok ? await listEvents(a.id, { limit: 2, cursor: second.value.nextCursor }) : second;
    expect(second.ok && second.value.events.map((e) => e.detail.i)).toEqual([2, 1]);
    expect(third.ok && third.value).toMatchObject({ nextCursor: null });
    expect(third.ok && third.value.events.map((e) => e.detail.i)).toEqual([0]);
    const blank = await listEvents(a.id, { cursor: "", limit: "" });
    expect(blank.ok && blank.value.events).toHaveLength(5);
    const all = await listEvents(a.id, {});
    expect(all.ok && all.value.events).toHaveLength(5);
    expect(all.ok && all.value.nextCursor).toBeNull();
  });

  it("refuses a bad cursor or limit as a validation error", async () => {
    const a = await user();
    for (const input of [{ cursor: "abc" }, { cursor: "-1" }, { limit: "0" }, { limit: "101" }, { limit: "2.5" }]) {
      const r = await listEvents(a.id, input);
      expect(r).toMatchObject({ ok: false, error: { code: "validation" } });
    }
  });

  it("drops detail keys that name a secret", async () => {
    const a = await user();
    await recordEvent("password.changed", {
      ...client,
      userId: a.id,
      detail: { password: "x", newPasswordHash: "y", resetToken: "z", via: "form" },
    });
    const r = await listEvents(a.id, {});
    expect(r.ok && r.value.events[0]!.detail).toEqual({ via: "form" });
  });
});
