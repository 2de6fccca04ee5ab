// Accounts without a password and their identities, prepared directly in the database for lib tests.
import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { identities, passkeys, sessions, users } from "../db/schema";
import { signIn } from "../lib/auth/sign-in";
import { resolveSessionToken, type Caller } from "../lib/sessions/resolve";
import { newUser, NO_CLIENT, PASSWORD } from "./people";

/** A signed-in account (API session); `password: false` voids its password after the sign-in. */
export async function signedInAccount(prefix: string, opts: { password?: boolean } = {}) {
  const user = await newUser(prefix);
  const r = await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
  if (!r.ok) throw new Error("sign-in failed");
  if (opts.password === false)
    await (await getDb()).update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
  const caller = (await resolveSessionToken(r.value.session.token))!;
  return { user, caller, token: r.value.session.token };
}

/** An identity row connected to the account (what a provider sign-in would have written). */
export async function addIdentity(
  userId: string,
  provider: "oidc" | "github" | "google" = "oidc",
  email: string | null = null,
  connectedAt?: Date,
) {
  const db = await getDb();
  const [row] = await db
    .insert(identities)
    .values({ userId, provider, subject: randomUUID(), email, emailVerified: email !== null, connectedAt })
    .returning();
  return row!;
}

/** A passkey row (never used for a ceremony: only a way in to count). */
export async function addPasskeyRow(userId: string, name = "Key") {
  const db = await getDb();
  const id = randomBytes(16).toString("base64url");
  await db.insert(passkeys).values({
    id,
    userId,
    credentialId: randomBytes(16).toString("base64url"),
    publicKey: randomBytes(32).toString("base64url"),
    deviceType: "multiDevice",
    backedUp: true,
    name,
  });
  return id;
}

/** The caller with its proof a day old, in the database and in the object. */
export async function staleProof(caller: Caller): Promise<Caller> {
  const db = await getDb();
  await db
    .update(sessions)
    .set({ reauthenticatedAt: sql`now() - interval '1 day'` })
    .where(eq(sessions.id, caller.session.id));
  return { ...caller, session: { ...caller.session, reauthenticatedAt: new Date(Date.now() - 86_400_000) } };
}
