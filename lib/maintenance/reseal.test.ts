// After an AUTH_SECRET rotation, what was sealed under the old secret is sealed again under the new one,
// so the old secret can be removed without turning anyone's two-factor off or stranding queued mail.
// Each "instance" is this process with AUTH_SECRET set and the modules loaded afresh (lib/env.ts caches
// the environment); the database is the same one.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_A as A, SECRET_B as B, SECRET_C, configureSecrets, restoreSecretsAfterAll } from "@/vitest/secrets";
import { getDb } from "@/db/client";
import { mailOutbox, users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { open, seal } from "../crypto/sealed";
import { stopOutbox } from "../email/outbox-worker";
import { resetMail } from "../email/templates";

const GONE = SECRET_C;

const mailbox = await startMailbox();
restoreSecretsAfterAll();
beforeAll(() => stopOutbox()); // the queued message stays queued: this is about its body, not its sending
afterAll(() => mailbox.close());

async function instance(secrets: string) {
  configureSecrets(secrets);
  return {
    ...(await import("@/vitest/two-factor")),
    ...(await import("../email/outbox")),
    ...(await import("../two-factor/totp-code")),
    ...(await import("./reseal")),
  };
}

describe("sealing again under the newest secret", () => {
  it("moves authenticator secrets and queued mail from A to B, leaves what opens under neither", async () => {
    const db = await getDb();
    const before = await instance(A);
    const { user, secret } = await before.enrolled("reseal");
    const to = `reseal${Date.now().toString(36)}@example.com`;
    await before.sendMail(resetMail(to, "http://localhost/reset-password?token=abc", 60), db);
    const lost = `lost${Date.now().toString(36)}@example.com`;
    const lostBody = seal("mail-outbox", "{}", GONE);
    await db.insert(mailOutbox).values({ to: lost, subject: "s", sealed: true, body: lostBody });

    // Queued under A: the reset mail above, the sign-up's verification mail and the new-device notice of the
    // enrolment's sign-in (all carry a link).
    const queued = await db.select().from(mailOutbox).where(eq(mailOutbox.sealed, true));
    expect(queued.filter((m) => open("mail-outbox", m.body!, A) !== null)).toHaveLength(3);

    const rotated = await instance(`${B},${A}`);
    const counts = await rotated.resealUnderNewest(1); // batches of one: the paging is exercised too
    expect(counts).toEqual({ resealed: 4, current: 0, unopened: 1 });

    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(open("totp-secret", row!.totpSecret!, B)).toBe(secret);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
    expect(JSON.parse(open("mail-outbox", mail!.body!, B)!).text).toContain("token=abc");
    expect((await db.select().from(mailOutbox).where(eq(mailOutbox.to, lost)))[0]!.body).toBe(lostBody);
    expect(await rotated.resealUnderNewest()).toEqual({ resealed: 0, current: 4, unopened: 1 });

    // The old secret removed: two-factor still works.
    const after = await instance(B);
    expect(await after.spendTotpCode(user.id, await after.codeAt(secret, 1))).toBe(true);
  });
});
