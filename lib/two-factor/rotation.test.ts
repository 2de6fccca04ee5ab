// AUTH_SECRET rotation and two-factor: an authenticator secret sealed under the old secret still opens
// when the new one is listed first (two-factor keeps working), and new ones are sealed under the new one.
// Each "instance" is this process with AUTH_SECRET set and the modules loaded afresh (lib/env.ts caches
// the environment); the database is the same one.
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { SECRET_A as A, SECRET_B as B, configureSecrets, restoreSecretsAfterAll } from "@/vitest/secrets";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { NO_CLIENT, PASSWORD } from "@/vitest/people";
import { open } from "../crypto/sealed";

const mailbox = await startMailbox();
restoreSecretsAfterAll();
afterAll(() => mailbox.close());

async function instance(secrets: string) {
  configureSecrets(secrets);
  return {
    ...(await import("@/vitest/two-factor")),
    ...(await import("@/vitest/people")),
    ...(await import("../auth/second-step")),
    ...(await import("../auth/sign-in")),
    ...(await import("../sessions/resolve")),
    ...(await import("./totp")),
  };
}

const sealedOf = async (id: string) => (await (await getDb()).select().from(users).where(eq(users.id, id)))[0]!;

describe("two-factor across an AUTH_SECRET rotation", () => {
  it("a secret enrolled under A still gives working codes under B,A", async () => {
    const before = await instance(A);
    const { user, secret } = await before.enrolled("rot");
    expect(open("totp-secret", (await sealedOf(user.id)).totpSecret!, A)).toBe(secret);

    const rotated = await instance(`${B},${A}`);
    const challenge = await rotated.challengeFor(user.username);
    const done = await rotated.completeMfaSignIn(
      { challenge, code: await rotated.codeAt(secret, 1) },
      "api",
      NO_CLIENT,
    );
    expect(done.ok).toBe(true);
  });

  it("under B,A a new authenticator secret is sealed under B, which an instance with only A cannot open", async () => {
    const rotated = await instance(`${B},${A}`);
    const user = await rotated.newUser("rotnew");
    const signedIn = await rotated.signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
    if (!signedIn.ok) throw new Error("sign-in failed");
    const caller = (await rotated.resolveSessionToken(signedIn.value.session.token))!;
    const started = await rotated.startTotp(caller);
    if (!started.ok) throw new Error("start failed");
    const pending = (await sealedOf(user.id)).totpPendingSecret!;
    expect(open("totp-secret", pending, B)).toBe(started.value.secret);
    expect(open("totp-secret", pending, A)).toBeNull();
    const confirmed = await rotated.confirmTotp(
      caller,
      { code: await rotated.previousStepCode(started.value.secret) },
      NO_CLIENT,
    );
    expect(confirmed.ok).toBe(true);
    expect(open("totp-secret", (await sealedOf(user.id)).totpSecret!, B)).toBe(started.value.secret);
  });
});
