// AUTH_SECRET rotation and the device cookie: one signed under the old secret still counts when the new
// one is listed first; new ones are signed under the new one, which an instance with only the old one
// does not accept. lib/env.ts caches the environment, so each "instance" loads the module afresh.
import { describe, expect, it } from "vitest";
import { SECRET_A as A, SECRET_B as B, SECRET_C, configureSecrets, restoreSecretsAfterAll } from "@/vitest/secrets";

const USER = "0b7f3c1e-8a2d-4c6b-9e1f-2a3b4c5d6e7f";
const HASH = "$2b$04$abcdefghijklmnopqrstuuJ7W0mFQkP3oYl1x7m8n9o0p1q2r3s4t"; // a password hash's stand-in

restoreSecretsAfterAll();

async function instance(secrets: string) {
  configureSecrets(secrets);
  return await import("./device-cookie");
}

describe("the device cookie across an AUTH_SECRET rotation", () => {
  it("made under A, it still counts under B,A", async () => {
    const before = await instance(A);
    const cookie = before.deviceCookieAfterSignIn(null, USER, HASH);
    const device = before.deviceFor(cookie, USER, HASH);
    expect(device).toBeTruthy();
    expect((await instance(`${B},${A}`)).deviceFor(cookie, USER, HASH)).toBe(device);
  });

  it("made under B,A, it is signed with B: it counts under B alone and not under A alone", async () => {
    const rotated = await instance(`${B},${A}`);
    const cookie = rotated.deviceCookieAfterSignIn(null, USER, HASH);
    const device = rotated.deviceFor(cookie, USER, HASH);
    expect(device).toBeTruthy();
    expect((await instance(B)).deviceFor(cookie, USER, HASH)).toBe(device);
    expect((await instance(A)).deviceFor(cookie, USER, HASH)).toBeNull();
  });

  it("under B,A, a MAC made under neither (or for another password) does not count", async () => {
    const other = await instance(SECRET_C);
    const foreign = other.deviceCookieAfterSignIn(null, USER, HASH);
    const rotated = await instance(`${B},${A}`);
    expect(rotated.deviceFor(foreign, USER, HASH)).toBeNull();
    expect(rotated.deviceFor(rotated.deviceCookieAfterSignIn(null, USER, HASH), USER, HASH + "x")).toBeNull();
  });
});
