import { and, count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { POST as acceptRoute } from "@/app/api/invitations/accept/route";
import { POST as declineRoute } from "@/app/api/invitations/decline/route";
import { DELETE as revokeRoute } from "@/app/api/organizations/[slug]/invitations/[id]/route";
import { GET as listRoute, POST as inviteRoute } from "@/app/api/organizations/[slug]/invitations/route";
import { getDb } from "@/db/client";
import { mailOutbox, memberships, organizationInvitations, organizations, securityEvents, users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { signedInAccount } from "@/vitest/passwordless";
import { hashToken } from "../crypto/tokens";
import { drainOutbox } from "../email/outbox";
import type { OrgRole } from "./roles";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

let n = 0;
const url = (path: string) => `http://localhost${path}`;

function call(method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** An account with a confirmed address (or not), signed in over the API. */
async function person(prefix: string, verified = true) {
  const account = await signedInAccount(prefix);
  if (verified)
    await (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, account.user.id));
  return account;
}

/** An organization made directly in the database (O1 owns creating them), with members and roles. */
async function organization(members: [string, OrgRole][]) {
  const db = await getDb();
  const slug = `org-${Date.now().toString(36)}-${(n++).toString(36)}`;
  const [org] = await db
    .insert(organizations)
    .values({ slug, name: `Org ${slug}` })
    .returning();
  for (const [userId, role] of members) await db.insert(memberships).values({ organizationId: org!.id, userId, role });
  return org!;
}

const invite = (slug: string, token: string, body: unknown) =>
  inviteRoute(call("POST", `/api/organizations/${slug}/invitations`, token, body), {
    params: Promise.resolve({ slug }),
  });
const list = (slug: string, token: string) =>
  listRoute(call("GET", `/api/organizations/${slug}/invitations`, token), { params: Promise.resolve({ slug }) });
const revoke = (slug: string, id: string, token: string) =>
  revokeRoute(call("DELETE", `/api/organizations/${slug}/invitations/${id}`, token), {
    params: Promise.resolve({ slug, id }),
  });
const accept = (token: string, link: unknown) =>
  acceptRoute(call("POST", "/api/invitations/accept", token, { token: link }), { params: Promise.resolve({}) });
const decline = (link: unknown) =>
  declineRoute(call("POST", "/api/invitations/decline", null, { token: link }), { params: Promise.resolve({}) });

async function mailsTo(address: string, howMany: number): Promise<string[]> {
  await drainOutbox();
  const deadline = Date.now() + 10_000;
  while (mailbox.sentTo(address).length < howMany && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const mails = mailbox.sentTo(address).filter((m) => /invited to join/.test(m.subject));
  expect(mails.length).toBe(howMany);
  return mails.map(tokenFrom);
}

async function roleOf(organizationId: string, userId: string) {
  const [row] = await (
    await getDb()
  )
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

describe("inviting", () => {
  it("an owner invites by email: 201, a hashed 7-day token, one mail with the link, member.invited recorded", async () => {
    const owner = await person("io");
    const org = await organization([[owner.user.id, "owner"]]);
    const address = `Invitee${n++}@Example.com`;
    const res = await invite(org.slug, owner.token, { email: ` ${address} `, role: "admin" });
    expect(res.status).toBe(201);
    const { invitation } = await res.json();
    expect(invitation).toMatchObject({ email: address.toLowerCase(), role: "admin" });
    expect(Object.keys(invitation)).not.toContain("token");
    const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const [token] = await mailsTo(address.toLowerCase(), 1);
    const db = await getDb();
    const [row] = await db.select().from(organizationInvitations).where(eq(organizationInvitations.id, invitation.id));
    expect(row!.tokenHash).toBe(hashToken(token!));
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, owner.user.id));
    expect(events.map((e) => e.type)).toContain("member.invited");
  });

  it("answers alike whether or not the address has an account", async () => {
    const owner = await person("ia");
    const existing = await person("ib");
    const org = await organization([[owner.user.id, "owner"]]);
    const a = await invite(org.slug, owner.token, { email: existing.user.email, role: "member" });
    const b = await invite(org.slug, owner.token, { email: `nobody${n++}@example.com`, role: "member" });
    expect(a.status).toBe(b.status);
    const keys = (r: Record<string, unknown>) => Object.keys(r.invitation as object).sort();
    expect(keys(await a.json())).toEqual(keys(await b.json()));
  });

  it("members cannot invite (403), non-members and unknown slugs get the same 404, admins cannot invite owners", async () => {
    const owner = await person("ic");
    const admin = await person("id");
    const member = await person("ie");
    const stranger = await person("if");
    const org = await organization([
      [owner.user.id, "owner"],
      [admin.user.id, "admin"],
      [member.user.id, "member"],
    ]);
    const body = { email: `x${n++}@example.com`, role: "member" };
    expect((await invite(org.slug, member.token, body)).status).toBe(403);
    const notMember = await invite(org.slug, stranger.token, body);
    const unknown = await invite("no-such-org-here", stranger.token, body);
    expect(notMember.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((await notMember.json()).detail).toBe((await unknown.json()).detail);
    expect((await invite(org.slug, admin.token, { ...body, role: "owner" })).status).toBe(403);
    expect((await invite(org.slug, admin.token, { ...body, role: "admin" })).status).toBe(201);
    expect((await invite(org.slug, owner.token, { ...body, role: "owner" })).status).toBe(201);
    expect((await list(org.slug, member.token)).status).toBe(403);
    expect((await list(org.slug, stranger.token)).status).toBe(404);
  });

  it("bad input is a 400 with field errors, never a 500", async () => {
    const owner = await person("ig");
    const org = await organization([[owner.user.id, "owner"]]);
    const res = await invite(org.slug, owner.token, { email: "not an\u0000 email", role: "king" });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(Object.keys(problem.errors).sort()).toEqual(["email", "role"]);
    expect((await invite(org.slug, owner.token, { email: "a@b.co", role: "member", x: 1 })).status).toBe(400);
  });

  it("a newer invitation replaces the older one: the old link is refused", async () => {
    const owner = await person("ih");
    const guest = await person("ii");
    const org = await organization([[owner.user.id, "owner"]]);
    await invite(org.slug, owner.token, { email: guest.user.email, role: "member" });
    await invite(org.slug, owner.token, { email: guest.user.email, role: "admin" });
    const [oldLink, newLink] = await mailsTo(guest.user.email, 2);
    const pending = await (await list(org.slug, owner.token)).json();
    expect(pending.invitations).toHaveLength(1);
    expect((await accept(guest.token, oldLink)).status).toBe(400);
    expect((await accept(guest.token, newLink)).status).toBe(200);
    expect(await roleOf(org.id, guest.user.id)).toBe("admin");
  });

  it("two invitations to one address at once leave one row, and only its link works", async () => {
    const owner = await person("ij");
    const guest = await person("ik");
    const org = await organization([[owner.user.id, "owner"]]);
    const answers = await Promise.all(
      ["member", "admin", "member", "admin"].map((role) =>
        invite(org.slug, owner.token, { email: guest.user.email, role }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const db = await getDb();
    const [rows] = await db
      .select({ n: count() })
      .from(organizationInvitations)
      .where(eq(organizationInvitations.organizationId, org.id));
    expect(rows!.n).toBe(1);
    const links = await mailsTo(guest.user.email, 4);
    const statuses = [];
    for (const link of links) statuses.push((await accept(guest.token, link)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });

  it("limits invitations per inviter (429 with Retry-After)", async () => {
    const owner = await person("il");
    const org = await organization([[owner.user.id, "owner"]]);
    const statuses = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await invite(org.slug, owner.token, { email: `lim${n++}@example.com`, role: "member" })).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    const refused = await invite(org.slug, owner.token, { email: `lim${n++}@example.com`, role: "member" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });

  it("lists pending invitations to admins without any token, and revokes one (another organization's id is 404)", async () => {
    const owner = await person("im");
    const other = await person("in");
    const org = await organization([[owner.user.id, "owner"]]);
    const otherOrg = await organization([[other.user.id, "owner"]]);
    const address = `rev${n++}@example.com`;
    const { invitation } = await (await invite(org.slug, owner.token, { email: address, role: "member" })).json();
    const listed = await (await list(org.slug, owner.token)).json();
    expect(listed.invitations).toEqual([expect.objectContaining({ id: invitation.id, email: address })]);
    expect(JSON.stringify(listed)).not.toMatch(/token|hash/i);
    expect((await revoke(otherOrg.slug, invitation.id, other.token)).status).toBe(404);
    expect((await revoke(org.slug, "not-a-uuid", owner.token)).status).toBe(404);
    expect((await revoke(org.slug, invitation.id, owner.token)).status).toBe(204);
    expect((await (await list(org.slug, owner.token)).json()).invitations).toEqual([]);
    const [link] = await mailsTo(address, 1);
    const holder = await person("io2");
    await (await getDb()).update(users).set({ email: address }).where(eq(users.id, holder.user.id));
    expect((await accept(holder.token, link)).status).toBe(400);
  });
});

describe("accepting", () => {
  async function invited(role: OrgRole = "member") {
    const owner = await person("ap");
    const guest = await person("aq");
    const org = await organization([[owner.user.id, "owner"]]);
    expect((await invite(org.slug, owner.token, { email: guest.user.email, role })).status).toBe(201);
    const [link] = await mailsTo(guest.user.email, 1);
    return { owner, guest, org, link: link! };
  }

  it("the invited, confirmed account joins with the role: 200 {organization}, member.joined, then the link is spent", async () => {
    const { guest, org, link } = await invited("admin");
    const res = await accept(guest.token, link);
    expect(res.status).toBe(200);
    expect((await res.json()).organization).toMatchObject({ id: org.id, slug: org.slug, role: "admin" });
    expect(await roleOf(org.id, guest.user.id)).toBe("admin");
    const events = await (await getDb()).select().from(securityEvents).where(eq(securityEvents.userId, guest.user.id));
    expect(events.find((e) => e.type === "member.joined")?.detail).toMatchObject({ organization: org.slug });
    expect((await accept(guest.token, link)).status).toBe(400);
  });

  it("another account is 403 invitation_email_mismatch and nothing is spent", async () => {
    const { guest, org, link } = await invited();
    const other = await person("ar");
    const res = await accept(other.token, link);
    expect(res.status).toBe(403);
    const problem = await res.json();
    expect(problem.code).toBe("invitation_email_mismatch");
    expect(problem.detail).toMatch(/another email address/);
    expect(await roleOf(org.id, other.user.id)).toBeNull();
    expect((await accept(guest.token, link)).status).toBe(200);
  });

  it("an unconfirmed address is 403 email_unverified, and nothing is spent", async () => {
    const { guest, org, link } = await invited();
    const db = await getDb();
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, guest.user.id));
    const res = await accept(guest.token, link);
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe("email_unverified");
    expect(await roleOf(org.id, guest.user.id)).toBeNull();
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, guest.user.id));
    expect((await accept(guest.token, link)).status).toBe(200);
  });

  it("accepted twice at once: one membership, the other 400", async () => {
    const { guest, org, link } = await invited();
    const answers = await Promise.all([1, 2, 3, 4].map(() => accept(guest.token, link)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
    const [rows] = await (
      await getDb()
    )
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organizationId, org.id));
    expect(rows!.n).toBe(2);
  });

  it("an expired link is 400; malformed tokens are 400, never 500", async () => {
    const { guest, org, link } = await invited();
    await (
      await getDb()
    )
      .update(organizationInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(organizationInvitations.organizationId, org.id));
    expect((await accept(guest.token, link)).status).toBe(400);
    for (const bad of [null, 42, "", "x".repeat(5000), "a\u0000b", ["x"]])
      expect((await accept(guest.token, bad)).status).toBe(400);
  });

  it("declining deletes the invitation (204, no account needed); the link then is refused", async () => {
    const { guest, org, link } = await invited();
    expect((await decline(link)).status).toBe(204);
    expect((await decline(link)).status).toBe(400);
    expect((await accept(guest.token, link)).status).toBe(400);
    expect(await roleOf(org.id, guest.user.id)).toBeNull();
  });

  it("the mail is queued in the invitation's transaction and its body is sealed (it carries a token)", async () => {
    const owner = await person("as");
    const org = await organization([[owner.user.id, "owner"]]);
    const address = `sealed${n++}@example.com`;
    await invite(org.slug, owner.token, { email: address, role: "member" });
    const rows = await (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.to, address));
    expect(rows[0]?.sealed).toBe(true);
  });
});
