import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { registerUser } from "../account/register";
import { recordEvent } from "./events";
import { passwordChangedAt } from "./password-changed";

const client = { ip: "203.0.113.7", userAgent: "vitest" };
let n = 0;
async function user() {
  const name = `pc${Date.now().toString(36)}${(n++).toString(36)}`;
  const r = await registerUser({ username: name, email: `${name}@example.com`, password: "a good long password" });
  if (!r.ok) throw new Error("setup failed");
  return r.value;
}

beforeAll(() => getDb());

describe("passwordChangedAt", () => {
  it("is null until the password changes, then the latest change or reset, and only the person's own", async () => {
    const a = await user();
    const b = await user();
    await recordEvent("sign_in.succeeded", { ...client, userId: a.id });
    expect(await passwordChangedAt(a.id)).toBeNull();
    await recordEvent("password.changed", { ...client, userId: a.id });
    const changed = await passwordChangedAt(a.id);
    expect(changed).toBeInstanceOf(Date);
    await recordEvent("password.reset", { ...client, userId: a.id });
    await recordEvent("signed_out", { ...client, userId: a.id });
    const reset = await passwordChangedAt(a.id);
    expect(reset!.getTime()).toBeGreaterThanOrEqual(changed!.getTime());
    expect(await passwordChangedAt(b.id)).toBeNull();
  });
});
