import { randomUUID } from "node:crypto";
import { eq, notInArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookEndpoints, webhookEvents, webhookMessages } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { addIdentity, addPasskeyRow, signedInAccount } from "@/vitest/passwordless";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { SoftAuthenticator } from "@/vitest/soft-authenticator";
import { enrolled } from "@/vitest/two-factor";
import { signOutEverywhereElse } from "../access/sign-out-elsewhere";
import { changePassword } from "../account/change-password";
import { deleteAccount } from "../account/delete-account";
import { registerUser } from "../account/register";
import { updateProfile } from "../account/update-profile";
import { setRoleByLogin } from "../admin/grant";
import { deleteUserAsAdmin, updateUserAsAdmin } from "../admin/manage";
import { confirmEmailSignInCode } from "../auth/email-sign-in";
import { requestEmailSignIn } from "../auth/email-sign-in-request";
import { providerProfile } from "../auth/identity-providers/profile";
import { signInWithIdentity } from "../auth/identity-sign-in";
import { signIn } from "../auth/sign-in";
import { drainOutbox } from "../email/outbox";
import { issueEmailToken } from "../email-tokens/tokens";
import { connectIdentityNow } from "../identities/store";
import { disconnectIdentity } from "../identities/manage";
import { removePasskey } from "../passkeys/manage";
import { finishRegistration, registrationOptions } from "../passkeys/register";
import { confirmPasswordReset } from "../password-reset/confirm";
import { resolveSessionToken } from "../sessions/resolve";
import { signOutSession } from "../sessions/sign-out";
import { disableTotp } from "../two-factor/totp";
import { confirmEmail } from "../verification/confirm";
import { webhookPayloadSchema } from "./dto-schemas";
import { sessionsRevokedData } from "./payloads";
import type { WebhookEventType } from "./types";

// The outbox worker is not started in lib tests; a mailbox keeps any send that does happen off the network.
const mailbox = await startMailbox();
afterAll(() => mailbox.close());

type Event = { id: string; type: string; payload: { type: string; timestamp: string; data: Record<string, unknown> } };

/** Runs `change` and answers the webhook events it wrote (every endpoint subscribed to all). */
async function emittedBy(change: () => Promise<unknown>): Promise<Event[]> {
  const db = await getDb();
  const before = (await db.select({ id: webhookEvents.id }).from(webhookEvents)).map((r) => r.id);
  await change();
  const rows = await db
    .select()
    .from(webhookEvents)
    .where(before.length ? notInArray(webhookEvents.id, before) : undefined);
  return rows as Event[];
}
const typesOf = (events: Event[]) => events.map((e) => e.type).sort();
const only = (events: Event[], type: string) => {
  expect(typesOf(events)).toEqual([type]);
  return events[0]!.payload.data;
};

const SECRET_KEY = /hash|token|secret|code|password|credential|public_?key/i;
/** Nothing secret: no key named like one, not the password, the payload small. */
function expectNothingSecret(events: Event[]) {
  for (const e of events) {
    const text = JSON.stringify(e.payload);
    expect(text.length).toBeLessThan(20_000);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/\$2[aby]\$/); // a bcrypt hash
    const walk = (v: unknown): void => {
      if (v && typeof v === "object")
        for (const [k, inner] of Object.entries(v)) {
          expect(k).not.toMatch(SECRET_KEY);
          walk(inner);
        }
    };
    walk(e.payload);
    expect(e.payload.type).toBe(e.type);
    // The shape the OpenAPI document promises, exactly (strict: no field more).
    expect(webhookPayloadSchema(e.type as WebhookEventType).safeParse(e.payload).error).toBeUndefined();
    expect(new Date(e.payload.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
  }
}

let endpointId: string;
beforeAll(async () => {
  const [row] = await (
    await getDb()
  )
    .insert(webhookEndpoints)
    .values({ url: "https://receiver.example/hook", events: [], enabled: true, secretSealed: "sealed" })
    .returning();
  endpointId = row!.id;
});

async function apiSession(username: string, password = PASSWORD) {
  const r = await signIn({ login: username, password }, "api", NO_CLIENT);
  if (!r.ok || !("session" in r.value)) throw new Error("sign-in failed");
  return { token: r.value.session.token, caller: (await resolveSessionToken(r.value.session.token))! };
}

describe("user.* webhook events", () => {
  it("a sign-up emits user.created once, queued for the endpoint; a refused sign-up emits nothing", async () => {
    const name = `wh${Date.now().toString(36)}`;
    let id = "";
    const events = await emittedBy(async () => {
      const r = await registerUser({ username: name, email: `${name}@example.com`, password: PASSWORD });
      if (r.ok) id = r.value.id;
    });
    expectNothingSecret(events);
    expect(only(events, "user.created")).toEqual({
      user: {
        id,
        username: name,
        email: `${name}@example.com`,
        emailVerified: false,
        role: "user",
        disabled: false,
        createdAt: expect.stringMatching(/^\d{4}-/),
      },
      via: "sign_up",
    });
    const queued = await (
      await getDb()
    )
      .select()
      .from(webhookMessages)
      .where(eq(webhookMessages.eventId, events[0]!.id));
    expect(queued.map((m) => m.endpointId)).toEqual([endpointId]);
    const taken = await emittedBy(() =>
      registerUser({ username: `${name}x`, email: `${name}@example.com`, password: PASSWORD }),
    );
    expect(taken).toEqual([]);
  });

  it("a profile change emits user.updated naming the fields; a refused one nothing", async () => {
    const [u, other] = [await newUser("whp"), await newUser("whq")];
    const events = await emittedBy(() => updateProfile(u.id, { displayName: "Ada", bio: "Hi" }));
    expectNothingSecret(events);
    const data = only(events, "user.updated");
    expect(data).toMatchObject({ user: { id: u.id, username: u.username } });
    expect((data.changed as string[]).sort()).toEqual(["bio", "displayName"]);
    expect(await emittedBy(() => updateProfile(u.id, { username: other.username }))).toEqual([]);
  });

  it("a verification link emits user.email_verified; the same link again nothing", async () => {
    const u = await newUser("whv");
    const token = await issueEmailToken(u.id, "verify_email", u.email, 60);
    const events = await emittedBy(() => confirmEmail(token, NO_CLIENT));
    expectNothingSecret(events);
    expect(only(events, "user.email_verified")).toMatchObject({ user: { id: u.id, emailVerified: true } });
    expect(await emittedBy(() => confirmEmail(token, NO_CLIENT))).toEqual([]);
  });

  it("a confirmed email change emits user.email_changed with the old address, and the ended sessions", async () => {
    const u = await newUser("whe");
    const { caller } = await apiSession(u.username);
    const address = `new${u.username}@example.com`;
    const token = await issueEmailToken(u.id, "change_email", address, 60);
    const events = await emittedBy(() => confirmEmail(token, NO_CLIENT));
    expectNothingSecret(events);
    expect(typesOf(events)).toEqual(["session.revoked", "user.email_changed"]);
    const changed = events.find((e) => e.type === "user.email_changed")!.payload.data;
    expect(changed).toMatchObject({ user: { id: u.id, email: address, emailVerified: true }, previousEmail: u.email });
    const revoked = events.find((e) => e.type === "session.revoked")!.payload.data;
    expect(revoked).toEqual({ userId: u.id, sessionIds: [caller.session.id], count: 1, reason: "email_changed" });
  });

  it("a change, a first password and a reset each emit user.password_changed; a refusal nothing", async () => {
    const u = await newUser("whc");
    const { caller } = await apiSession(u.username);
    const wrong = await emittedBy(() =>
      changePassword(
        u.id,
        caller.session.id,
        { currentPassword: "not it at all", newPassword: "another long one" },
        NO_CLIENT,
      ),
    );
    expect(wrong).toEqual([]);
    const changed = await emittedBy(() =>
      changePassword(
        u.id,
        caller.session.id,
        { currentPassword: PASSWORD, newPassword: "another long phrase" },
        NO_CLIENT,
      ),
    );
    expectNothingSecret(changed);
    expect(only(changed, "user.password_changed")).toMatchObject({ user: { id: u.id }, how: "changed" });

    const reset = await issueEmailToken(u.id, "reset_password", u.email, 60);
    const byReset = await emittedBy(() =>
      confirmPasswordReset({ token: reset, newPassword: "a third long phrase" }, NO_CLIENT),
    );
    expectNothingSecret(byReset);
    expect(typesOf(byReset)).toEqual(["session.revoked", "user.password_changed"]);
    expect(byReset.find((e) => e.type === "user.password_changed")!.payload.data).toMatchObject({ how: "reset" });
    expect(byReset.find((e) => e.type === "session.revoked")!.payload.data).toMatchObject({ reason: "password_reset" });

    const none = await signedInAccount("whn", { password: false });
    const set = await emittedBy(() =>
      changePassword(
        none.user.id,
        none.caller.session.id,
        { newPassword: "a first long phrase" },
        NO_CLIENT,
        {},
        none.caller.session,
      ),
    );
    expect(only(set, "user.password_changed")).toMatchObject({ user: { id: none.user.id }, how: "set" });
  });

  it("deleting one's account emits user.deleted with the account as it was; a wrong password nothing", async () => {
    const u = await newUser("whd");
    expect(await emittedBy(() => deleteAccount(u.id, { password: "wrong password here" }, NO_CLIENT))).toEqual([]);
    const events = await emittedBy(() => deleteAccount(u.id, { password: PASSWORD }, NO_CLIENT));
    expectNothingSecret(events);
    expect(only(events, "user.deleted")).toMatchObject({ user: { id: u.id, username: u.username }, by: "self" });
  });

  it("an administrator's disable, enable, role change and deletion each emit their event", async () => {
    const admin = await newUser("wha");
    expect((await setRoleByLogin(admin.username, "admin")).ok).toBe(true);
    const { caller: actor } = await apiSession(admin.username);
    const u = await newUser("wht");
    const { caller } = await apiSession(u.username);

    const disabled = await emittedBy(() =>
      updateUserAsAdmin(actor, u.id, { disabled: true, disabledReason: "spam" }, NO_CLIENT),
    );
    expectNothingSecret(disabled);
    expect(typesOf(disabled)).toEqual(["session.revoked", "user.disabled"]);
    expect(disabled.find((e) => e.type === "user.disabled")!.payload.data).toMatchObject({
      user: { id: u.id, disabled: true },
    });
    expect(disabled.find((e) => e.type === "session.revoked")!.payload.data).toEqual({
      userId: u.id,
      sessionIds: [caller.session.id],
      count: 1,
      reason: "disabled",
    });
    const enabled = await emittedBy(() => updateUserAsAdmin(actor, u.id, { disabled: false }, NO_CLIENT));
    expect(only(enabled, "user.enabled")).toMatchObject({ user: { id: u.id, disabled: false } });
    const promoted = await emittedBy(() => updateUserAsAdmin(actor, u.id, { role: "admin" }, NO_CLIENT));
    expect(only(promoted, "user.role_changed")).toMatchObject({
      user: { id: u.id, role: "admin" },
      previousRole: "user",
    });
    const same = await emittedBy(() => updateUserAsAdmin(actor, u.id, { role: "admin" }, NO_CLIENT));
    expect(same).toEqual([]);
    const deleted = await emittedBy(() => deleteUserAsAdmin(actor, u.id, NO_CLIENT));
    expect(only(deleted, "user.deleted")).toMatchObject({ user: { id: u.id, role: "admin" }, by: "admin" });
    // Refused: not an administrator.
    const plain = await apiSession((await newUser("whr")).username);
    expect(await emittedBy(() => deleteUserAsAdmin(plain.caller, admin.id, NO_CLIENT))).toEqual([]);
  });
});

describe("session.* webhook events", () => {
  it("a sign-in emits session.created (never the token); a wrong password nothing", async () => {
    const u = await newUser("whs");
    expect(await emittedBy(() => signIn({ login: u.username, password: "wrong password" }, "api", NO_CLIENT))).toEqual(
      [],
    );
    let token = "";
    const events = await emittedBy(async () => (token = (await apiSession(u.username)).token));
    expectNothingSecret(events);
    expect(JSON.stringify(events)).not.toContain(token);
    const caller = (await resolveSessionToken(token))!;
    expect(only(events, "session.created")).toEqual({ session: { id: caller.session.id, userId: u.id, kind: "api" } });
  });

  it("sign-out emits one session.revoked; sign out everywhere else one naming every session it ended", async () => {
    const u = await newUser("who");
    const [a, b, c, d] = [
      await apiSession(u.username),
      await apiSession(u.username),
      await apiSession(u.username),
      await apiSession(u.username),
    ];
    const out = await emittedBy(() => signOutSession(a.caller, "api", NO_CLIENT));
    expect(only(out, "session.revoked")).toEqual({
      userId: u.id,
      sessionIds: [a.caller.session.id],
      count: 1,
      reason: "signed_out",
    });
    expect(await emittedBy(() => signOutSession(a.caller, "api", NO_CLIENT))).toEqual([]);
    const everywhere = await emittedBy(() => signOutEverywhereElse(b.caller, NO_CLIENT));
    const data = only(everywhere, "session.revoked");
    expect(data).toMatchObject({ userId: u.id, count: 2, reason: "signed_out_everywhere" });
    expect((data.sessionIds as string[]).sort()).toEqual([c.caller.session.id, d.caller.session.id].sort());
  });

  it("a change that ended a pile of sessions names the first 200 and counts them all", () => {
    const ids = Array.from({ length: 450 }, () => randomUUID());
    const data = sessionsRevokedData(randomUUID(), ids, "password_reset");
    expect(data.sessionIds).toEqual(ids.slice(0, 200));
    expect(data.count).toBe(450);
    const body = { type: "session.revoked", timestamp: new Date().toISOString(), data };
    expect(webhookPayloadSchema("session.revoked").parse(body)).toEqual(body);
    expect(JSON.stringify(body).length).toBeLessThan(20_000);
  });
});

describe("factor webhook events", () => {
  it("two-factor on and off emit two_factor.enabled and two_factor.disabled, never the secret", async () => {
    let secret = "";
    let codes: string[] = [];
    let caller!: Awaited<ReturnType<typeof enrolled>>["caller"];
    const on = await emittedBy(async () => ({ secret, recoveryCodes: codes, caller } = await enrolled("wh2")));
    // enrolled() signs in first: its session.created, then the enabling.
    expect(typesOf(on)).toEqual(["session.created", "two_factor.enabled", "user.created"]);
    expectNothingSecret(on);
    const text = JSON.stringify(on);
    expect(text).not.toContain(secret);
    for (const code of codes) expect(text).not.toContain(code);
    const off = await emittedBy(() => disableTotp(caller, NO_CLIENT));
    expect(only(off, "two_factor.disabled")).toEqual({ userId: caller.user.id, method: "totp" });
    expect(await emittedBy(() => disableTotp(caller, NO_CLIENT))).toEqual([]);
  });

  it("adding and removing a passkey emit passkey.added and passkey.removed, without the key", async () => {
    const { user, caller } = await signedInAccount("whk");
    const authenticator = new SoftAuthenticator({ origin: "http://localhost:3000", rpId: "localhost" });
    let passkeyId = "";
    const added = await emittedBy(async () => {
      const options = await registrationOptions(caller);
      if (!options.ok) throw new Error(options.error.message);
      const r = await finishRegistration(caller, { response: authenticator.register(options.value) }, NO_CLIENT);
      if (!r.ok) throw new Error(r.error.message);
      passkeyId = r.value.id;
    });
    expectNothingSecret(added);
    const data = only(added, "passkey.added");
    expect(data).toEqual({ userId: user.id, passkey: { id: passkeyId, name: expect.any(String) } });
    expect(await emittedBy(() => removePasskey(caller, randomUUID(), NO_CLIENT))).toEqual([]);
    const removed = await emittedBy(() => removePasskey(caller, passkeyId, NO_CLIENT));
    expect(only(removed, "passkey.removed")).toEqual(data);
  });

  it("connecting and disconnecting an identity emit identity.connected and identity.disconnected", async () => {
    const { user, caller } = await signedInAccount("whi");
    const subject = randomUUID();
    const identity = {
      provider: "github",
      subject,
      email: "gh@example.com",
      emailVerified: true,
      providerName: "GitHub",
    };
    let identityId = "";
    const connected = await emittedBy(async () => {
      const r = await connectIdentityNow(user.id, identity, NO_CLIENT);
      if (r.ok) identityId = r.identity.id;
    });
    expectNothingSecret(connected);
    const expected = {
      userId: user.id,
      identity: { id: identityId, provider: "github", subject, email: "gh@example.com" },
    };
    expect(only(connected, "identity.connected")).toEqual(expected);
    expect(await emittedBy(() => connectIdentityNow(user.id, identity, NO_CLIENT))).toEqual([]); // already connected
    const gone = await emittedBy(() => disconnectIdentity(caller, identityId, NO_CLIENT));
    expect(only(gone, "identity.disconnected")).toEqual(expected);
  });

  it("an email sign-in proving the address emits user.email_verified and the end of every way in set up before", async () => {
    const { user, caller } = await enrolled("whm");
    const passkeyId = await addPasskeyRow(user.id, "Squatter's key");
    const identity = await addIdentity(user.id, "oidc", "sq@example.com");
    const client = { ip: "10.31.0.1", userAgent: "vitest" };
    expect(await requestEmailSignIn({ login: user.username }, client, null)).toMatchObject({ ok: true });
    await drainOutbox();
    const mail = mailbox.sentTo(user.email).find((m) => /sign-in link and code/.test(m.subject))!;
    const code = /sign-in code: (\d{8})/.exec(mail.text)![1]!;
    const events = await emittedBy(() => confirmEmailSignInCode({ login: user.username, code }, "api", client));
    expectNothingSecret(events);
    expect(JSON.stringify(events)).not.toContain(code);
    expect(typesOf(events)).toEqual([
      "identity.disconnected",
      "passkey.removed",
      "session.created",
      "session.revoked",
      "two_factor.disabled",
      "user.email_verified",
    ]);
    const data = (type: string) => events.find((e) => e.type === type)!.payload.data;
    expect(data("user.email_verified")).toMatchObject({ user: { id: user.id, emailVerified: true } });
    expect(data("session.revoked")).toEqual({
      userId: user.id,
      sessionIds: [caller.session.id],
      count: 1,
      reason: "email_proved",
    });
    expect(data("passkey.removed")).toEqual({ userId: user.id, passkey: { id: passkeyId, name: "Squatter's key" } });
    expect(data("identity.disconnected")).toMatchObject({ identity: { id: identity.id, provider: "oidc" } });
  });

  it("a first sign-in with an identity provider emits user.created, identity.connected and session.created", async () => {
    const sub = `sub-${randomUUID()}`;
    const p = providerProfile({
      provider: "oidc",
      subject: sub,
      email: `${sub}@idp.test`,
      emailVerified: true,
      preferredUsername: sub.slice(0, 20),
      name: "Ida Provider",
      authTime: Math.floor(Date.now() / 1000),
    });
    let userId = "";
    const events = await emittedBy(async () => {
      const r = await signInWithIdentity(p, "Test ID", { ip: "203.0.113.41", userAgent: "vitest" });
      if (r.ok && r.value.kind === "signed_in") userId = r.value.signedIn.user.id;
    });
    expectNothingSecret(events);
    expect(typesOf(events)).toEqual(["identity.connected", "session.created", "user.created"]);
    const data = (type: string) => events.find((e) => e.type === type)!.payload.data;
    expect(data("user.created")).toMatchObject({
      user: { id: userId, email: p.email, emailVerified: true },
      via: "identity",
    });
    expect(data("identity.connected")).toMatchObject({
      userId,
      identity: { provider: "oidc", subject: sub, email: p.email },
    });
  });
});
