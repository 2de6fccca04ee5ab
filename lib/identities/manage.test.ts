import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { identities, passkeys, securityEvents } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { NO_CLIENT } from "@/vitest/people";
import { addIdentity, addPasskeyRow, signedInAccount, staleProof } from "@/vitest/passwordless";
import { drainOutbox } from "../email/outbox";
import { removePasskey } from "../passkeys/manage";
import { disconnectIdentity, listIdentities } from "./manage";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

async function identityIds(userId: string) {
  const db = await getDb();
  return (await db.select({ id: identities.id }).from(identities).where(eq(identities.userId, userId))).map(
    (r) => r.id,
  );
}

describe("listing connected identities", () => {
  it("lists the account's own, oldest first, as the DTO: no subject, the provider's name", async () => {
    const { user } = await signedInAccount("il");
    const other = await signedInAccount("il");
    // Strictly apart: two rows inserted within one clock tick would tie on connected_at.
    const a = await addIdentity(user.id, "oidc", "ada@idp.example", new Date(Date.now() - 60_000));
    const b = await addIdentity(user.id, "github", null);
    await addIdentity(other.user.id, "google", "x@gmail.example");
    const list = await listIdentities(user.id);
    expect(list.map((i) => i.id)).toEqual([a.id, b.id]);
    expect(list[0]).toEqual({
      id: a.id,
      provider: "oidc",
      providerName: "Single sign-on",
      email: "ada@idp.example",
      connectedAt: a.connectedAt.toISOString(),
      lastUsedAt: null,
    });
    expect(list[1]).toMatchObject({ provider: "github", providerName: "GitHub", email: null });
    expect(JSON.stringify(list)).not.toContain(a.subject);
  });
});

describe("disconnecting an identity", () => {
  it("needs a fresh proof, then disconnects and records identity.disconnected", async () => {
    const { user, caller } = await signedInAccount("id");
    const identity = await addIdentity(user.id, "github");
    const stale = await disconnectIdentity(await staleProof(caller), identity.id, NO_CLIENT);
    expect(stale).toMatchObject({ ok: false, error: { code: "forbidden", reason: "reauthentication_required" } });
    expect(await identityIds(user.id)).toEqual([identity.id]);
    const fresh = { ...caller, session: { ...caller.session, reauthenticatedAt: new Date() } };
    expect(await disconnectIdentity(fresh, identity.id, NO_CLIENT)).toEqual({ ok: true, value: undefined });
    expect(await identityIds(user.id)).toEqual([]);
    const db = await getDb();
    const [event] = await db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, user.id), eq(securityEvents.type, "identity.disconnected")));
    expect(event?.detail).toEqual({ provider: "github", providerName: "GitHub" });
    await drainOutbox();
    expect(mailbox.sentTo(user.email).map((m) => m.subject)).toContain(
      "A GitHub sign-in was disconnected from your Accounts account",
    );
  });

  it("another account's identity, or an unknown id, is not found and stays", async () => {
    const { caller } = await signedInAccount("id");
    const other = await signedInAccount("id");
    const theirs = await addIdentity(other.user.id);
    expect(await disconnectIdentity(caller, theirs.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await disconnectIdentity(caller, "00000000-0000-4000-8000-000000000000", NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await identityIds(other.user.id)).toEqual([theirs.id]);
  });

  it("refuses the last way in of an account without a password (409 last_way_in); a passkey beside it is one more", async () => {
    const { user, caller } = await signedInAccount("lw", { password: false });
    const only = await addIdentity(user.id);
    expect(await disconnectIdentity(caller, only.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "conflict", reason: "last_way_in" },
    });
    expect(await identityIds(user.id)).toEqual([only.id]);
    await addPasskeyRow(user.id);
    expect((await disconnectIdentity(caller, only.id, NO_CLIENT)).ok).toBe(true);
  });

  it("an account with a password may disconnect its only identity", async () => {
    const { user, caller } = await signedInAccount("lw");
    const only = await addIdentity(user.id);
    expect((await disconnectIdentity(caller, only.id, NO_CLIENT)).ok).toBe(true);
  });

  it("two disconnects at once of an account's two identities (no password): one passes, one is the last way in", async () => {
    const { user, caller } = await signedInAccount("race", { password: false });
    const a = await addIdentity(user.id, "oidc");
    const b = await addIdentity(user.id, "github");
    const results = await Promise.all([
      disconnectIdentity(caller, a.id, NO_CLIENT),
      disconnectIdentity(caller, b.id, NO_CLIENT),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { reason: "last_way_in" } });
    expect(await identityIds(user.id)).toHaveLength(1);
  });

  it("a disconnect racing a passkey removal (no password, one of each): one passes, one is refused", async () => {
    const { user, caller } = await signedInAccount("race", { password: false });
    const identity = await addIdentity(user.id);
    const passkey = await addPasskeyRow(user.id);
    const results = await Promise.all([
      disconnectIdentity(caller, identity.id, NO_CLIENT),
      removePasskey(caller, passkey, NO_CLIENT),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { reason: "last_way_in" } });
    const db = await getDb();
    const left = await db.select().from(passkeys).where(eq(passkeys.userId, user.id));
    expect(left.length + (await identityIds(user.id)).length).toBe(1);
  });
});

describe("removing a passkey of an account without a password", () => {
  it("refuses the last passkey of an account with no password and no identity; with an identity it goes", async () => {
    const { user, caller } = await signedInAccount("pk", { password: false });
    const passkey = await addPasskeyRow(user.id);
    expect(await removePasskey(caller, passkey, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "conflict", reason: "last_way_in" },
    });
    await addIdentity(user.id);
    expect((await removePasskey(caller, passkey, NO_CLIENT)).ok).toBe(true);
  });

  it("another account's passkey is still not found", async () => {
    const { caller } = await signedInAccount("pk", { password: false });
    const other = await signedInAccount("pk");
    const theirs = await addPasskeyRow(other.user.id);
    expect(await removePasskey(caller, theirs, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
