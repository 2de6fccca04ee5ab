import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DELETE as deleteMemberRoute, PATCH as roleRoute } from "@/app/api/organizations/[slug]/members/[userId]/route";
import { GET as membersRoute } from "@/app/api/organizations/[slug]/members/route";
import {
  DELETE as deleteOrgRoute,
  GET as getOrgRoute,
  PATCH as renameRoute,
} from "@/app/api/organizations/[slug]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/organizations/route";
import { DELETE as deleteAccountRoute } from "@/app/api/users/me/route";
import { POST as createKeyRoute } from "@/app/api/users/me/api-keys/route";
import { getDb } from "@/db/client";
import { memberships, organizations, securityEvents, users, webhookEndpoints, webhookEvents } from "@/db/schema";
import { signedInAccount, staleProof } from "@/vitest/passwordless";
import { NO_CLIENT, PASSWORD } from "@/vitest/people";
import { exportDocument } from "../account/export-document";
import { deleteUserAsAdmin } from "../admin/manage";
import { resolveSessionToken } from "../sessions/resolve";
import { changeMemberRole, removeMember } from "./members";
import { deleteOrganization } from "./manage";
import type { OrgRole } from "./roles";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params as any) });

function call(method: string, path: string, token: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return new Request(`http://localhost${path}`, init);
}

let n = 0;
const newSlug = () => `org-${Date.now().toString(36)}-${(n++).toString(36)}`;

/** A signed-in account with a verified email (unless told otherwise). */
async function person(prefix = "o", verified = true) {
  const a = await signedInAccount(prefix);
  if (verified) {
    await (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, a.user.id));
  }
  return { ...a, caller: (await resolveSessionToken(a.token))! };
}
type Person = Awaited<ReturnType<typeof person>>;

async function newOrg(owner: Person, slug = newSlug()) {
  const res = await createRoute(call("POST", "/api/organizations", owner.token, { name: "Acme", slug }), ctx());
  expect(res.status).toBe(201);
  return slug;
}

/** Adds an account directly (what an accepted invitation writes). */
async function join(slug: string, p: Person, role: OrgRole) {
  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  await db.insert(memberships).values({ organizationId: org!.id, userId: p.user.id, role });
}

const setRole = (slug: string, by: Person, target: Person, role: string) =>
  roleRoute(
    call("PATCH", `/api/organizations/${slug}/members/${target.user.id}`, by.token, { role }),
    ctx({ slug, userId: target.user.id }),
  );
const remove = (slug: string, by: Person, target: Person) =>
  deleteMemberRoute(
    call("DELETE", `/api/organizations/${slug}/members/${target.user.id}`, by.token),
    ctx({ slug, userId: target.user.id }),
  );
const getOrg = (slug: string, p: Person) =>
  getOrgRoute(call("GET", `/api/organizations/${slug}`, p.token), ctx({ slug }));

async function roleOf(slug: string, p: Person) {
  const db = await getDb();
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(organizations.slug, slug), eq(memberships.userId, p.user.id)));
  return row?.role ?? null;
}

async function eventsOf(p: Person, type: string) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, p.user.id), eq(securityEvents.type, type)));
  return rows;
}

describe("creating an organization", () => {
  it("needs a verified email (403 email_unverified), a valid slug (400) and a free one (409)", async () => {
    const unverified = await person("ou", false);
    const slug = newSlug();
    const refused = await createRoute(call("POST", "/api/organizations", unverified.token, { name: "A", slug }), ctx());
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe("email_unverified");

    const owner = await person();
    for (const bad of ["ab", "Acme", "-acme", "acme-", "a".repeat(41), "ac me", "ac\u0000me", 12]) {
      const res = await createRoute(call("POST", "/api/organizations", owner.token, { name: "A", slug: bad }), ctx());
      expect(res.status, String(bad)).toBe(400);
      expect((await res.json()).errors.slug).toBeDefined();
    }
    const noName = await createRoute(call("POST", "/api/organizations", owner.token, { name: " ", slug }), ctx());
    expect((await noName.json()).errors.name).toBeDefined();

    const res = await createRoute(call("POST", "/api/organizations", owner.token, { name: " Acme ", slug }), ctx());
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.organization).toMatchObject({ slug, name: "Acme", role: "owner" });
    expect(Object.keys(body.organization).sort()).toEqual(["createdAt", "id", "name", "role", "slug"]);
    const again = await createRoute(call("POST", "/api/organizations", owner.token, { name: "B", slug }), ctx());
    expect(again.status).toBe(409);
    expect((await again.json()).errors.slug).toBeDefined();
    expect(await eventsOf(owner, "organization.created")).toHaveLength(1);
  }, 90_000);

  it("two creates of one slug at once make one organization", async () => {
    const [a, b] = [await person(), await person()];
    const slug = newSlug();
    const answers = await Promise.all(
      [a, b].map((p) => createRoute(call("POST", "/api/organizations", p.token, { name: "X", slug }), ctx())),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("lists the caller's organizations with their role, and shows one only to its members (404 alike)", async () => {
    const owner = await person();
    const outsider = await person();
    const slug = await newOrg(owner);
    const list = await (await listRoute(call("GET", "/api/organizations", owner.token), ctx())).json();
    expect(list.organizations).toEqual([expect.objectContaining({ slug, role: "owner" })]);
    expect(
      (await (await listRoute(call("GET", "/api/organizations", outsider.token), ctx())).json()).organizations,
    ).toEqual([]);
    expect((await getOrg(slug, owner)).status).toBe(200);
    const hidden = await getOrg(slug, outsider);
    const missing = await getOrg("no-such-org-here", outsider);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
    const members = await membersRoute(
      call("GET", `/api/organizations/${slug}/members`, outsider.token),
      ctx({ slug }),
    );
    expect(members.status).toBe(404);
  });
});

describe("renaming and deleting", () => {
  it("only owners rename", async () => {
    const [owner, admin] = [await person(), await person()];
    const slug = await newOrg(owner);
    await join(slug, admin, "admin");
    const rename = (p: Person, name: unknown) =>
      renameRoute(call("PATCH", `/api/organizations/${slug}`, p.token, { name }), ctx({ slug }));
    expect((await rename(admin, "Nope")).status).toBe(403);
    expect((await rename(owner, "")).status).toBe(400);
    const ok = await rename(owner, "Acme Two");
    expect(ok.status).toBe(200);
    expect((await ok.json()).organization).toMatchObject({ slug, name: "Acme Two", role: "owner" });
  });

  it("needs an owner, a fresh re-authentication and the slug typed; tells every member", async () => {
    const [owner, admin] = [await person(), await person()];
    const slug = await newOrg(owner);
    await join(slug, admin, "admin");
    const del = (p: Person, confirm: string) =>
      deleteOrgRoute(call("DELETE", `/api/organizations/${slug}`, p.token, { confirm }), ctx({ slug }));
    expect((await del(admin, slug)).status).toBe(403);
    const stale = await deleteOrganization(await staleProof(owner.caller), slug, { confirm: slug }, NO_CLIENT);
    expect(stale.ok || stale.error.reason).toBe("reauthentication_required");
    const fresh = await person();
    const slug2 = await newOrg(fresh);
    await join(slug2, admin, "member");
    const wrong = await deleteOrgRoute(
      call("DELETE", `/api/organizations/${slug2}`, fresh.token, { confirm: "nope" }),
      ctx({ slug: slug2 }),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.confirm).toBeDefined();
    const done = await deleteOrgRoute(
      call("DELETE", `/api/organizations/${slug2}`, fresh.token, { confirm: slug2 }),
      ctx({ slug: slug2 }),
    );
    expect(done.status).toBe(204);
    expect((await getOrg(slug2, fresh)).status).toBe(404);
    expect(await eventsOf(fresh, "organization.deleted")).toHaveLength(1);
    expect(await eventsOf(admin, "organization.deleted")).toHaveLength(1);
  });
});

describe("roles by the rules", () => {
  it("members change nothing; nobody grants above their own role; admins leave owners and admins alone", async () => {
    const [owner, admin, admin2, member, other] = [
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
    ];
    const slug = await newOrg(owner);
    await join(slug, admin, "admin");
    await join(slug, admin2, "admin");
    await join(slug, member, "member");
    await join(slug, other, "member");

    expect((await setRole(slug, member, other, "admin")).status).toBe(403);
    expect((await setRole(slug, member, member, "admin")).status).toBe(403);
    expect((await setRole(slug, admin, admin, "owner")).status).toBe(403); // promoting oneself to owner
    expect((await setRole(slug, admin, other, "owner")).status).toBe(403);
    expect((await setRole(slug, admin, admin2, "member")).status).toBe(403);
    expect((await setRole(slug, admin, owner, "member")).status).toBe(403);
    expect((await remove(slug, admin, admin2)).status).toBe(403);
    expect((await remove(slug, admin, owner)).status).toBe(403);
    expect((await remove(slug, member, other)).status).toBe(403);
    expect(await roleOf(slug, admin)).toBe("admin");
    expect(await roleOf(slug, owner)).toBe("owner");

    const bad = await setRole(slug, owner, member, "king");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.role).toBeDefined();

    const promoted = await setRole(slug, admin, other, "admin");
    expect(promoted.status).toBe(200);
    expect((await promoted.json()).member).toMatchObject({ userId: other.user.id, role: "admin" });
    const [forActor] = await eventsOf(admin, "member.role_changed");
    const [forMember] = await eventsOf(other, "member.role_changed");
    expect(forActor?.detail).toMatchObject({ organization: slug, actor: admin.user.username, role: "admin" });
    expect(forMember?.detail).toMatchObject({ member: other.user.username, previousRole: "member" });

    expect((await setRole(slug, owner, admin2, "owner")).status).toBe(200);
    expect((await setRole(slug, admin2, owner, "member")).status).toBe(200); // owners manage owners
    expect((await setRole(slug, admin, admin, "member")).status).toBe(200); // an admin may step down
  });

  it("the last owner cannot be demoted, leave or be removed (409 last_owner)", async () => {
    const [owner, member] = [await person(), await person()];
    const slug = await newOrg(owner);
    await join(slug, member, "member");
    const demote = await setRole(slug, owner, owner, "admin");
    expect(demote.status).toBe(409);
    expect((await demote.json()).code).toBe("last_owner");
    const leave = await remove(slug, owner, owner);
    expect(leave.status).toBe(409);
    expect((await leave.json()).code).toBe("last_owner");
    expect(await roleOf(slug, owner)).toBe("owner");
  });

  it("a removed member loses access at once; a member leaves; both are in the activity", async () => {
    const [owner, admin, member, leaver] = [await person(), await person(), await person(), await person()];
    const slug = await newOrg(owner);
    await join(slug, admin, "admin");
    await join(slug, member, "member");
    await join(slug, leaver, "member");
    expect((await getOrg(slug, member)).status).toBe(200);
    expect((await remove(slug, admin, member)).status).toBe(204);
    expect((await getOrg(slug, member)).status).toBe(404);
    expect((await remove(slug, member, leaver)).status).toBe(404);
    expect(await eventsOf(member, "member.removed")).toHaveLength(1);
    expect(await eventsOf(admin, "member.removed")).toHaveLength(1);
    expect((await remove(slug, leaver, leaver)).status).toBe(204);
    expect(await eventsOf(leaver, "member.left")).toHaveLength(1);
    const members = await (
      await membersRoute(call("GET", `/api/organizations/${slug}/members`, owner.token), ctx({ slug }))
    ).json();
    expect(members.members.map((m: { role: string }) => m.role)).toEqual(["owner", "admin"]);
    expect(Object.keys(members.members[0]).sort()).toEqual(["joinedAt", "role", "userId", "username"]);
  });

  it("two owners demoting each other (or leaving) at once leave one owner", async () => {
    for (let i = 0; i < 6; i++) {
      const [a, b] = [await person(), await person()];
      const slug = await newOrg(a);
      await join(slug, b, "owner");
      const kind = i % 3;
      const answers = await Promise.all(
        kind === 0 // each demotes the other
          ? [
              changeMemberRole(a.caller, slug, b.user.id, { role: "member" }, NO_CLIENT),
              changeMemberRole(b.caller, slug, a.user.id, { role: "member" }, NO_CLIENT),
            ]
          : kind === 1 // each steps down
            ? [
                changeMemberRole(a.caller, slug, a.user.id, { role: "admin" }, NO_CLIENT),
                changeMemberRole(b.caller, slug, b.user.id, { role: "admin" }, NO_CLIENT),
              ]
            : [removeMember(a.caller, slug, a.user.id, NO_CLIENT), removeMember(b.caller, slug, b.user.id, NO_CLIENT)],
      );
      expect(answers.filter((r) => r.ok)).toHaveLength(1);
      const roles = [await roleOf(slug, a), await roleOf(slug, b)];
      expect(roles.filter((r) => r === "owner")).toHaveLength(1);
    }
  });
});

describe("the last owner and account deletion", () => {
  it("refuses to delete the only owner's account (409 last_owner), until another owner exists", async () => {
    const [owner, other] = [await person(), await person()];
    const slug = await newOrg(owner);
    await join(slug, other, "admin");
    const del = () => deleteAccountRoute(call("DELETE", "/api/users/me", owner.token, { password: PASSWORD }), ctx());
    const refused = await del();
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body.code).toBe("last_owner");
    expect(body.detail).toContain(slug);
    const admin = await person();
    await (await getDb()).update(users).set({ role: "admin" }).where(eq(users.id, admin.user.id));
    const asAdmin = await deleteUserAsAdmin((await resolveSessionToken(admin.token))!, owner.user.id, NO_CLIENT);
    expect(asAdmin.ok || asAdmin.error.reason).toBe("last_owner");
    expect((await setRole(slug, owner, other, "owner")).status).toBe(200);
    expect((await del()).status).toBe(204);
    expect(await roleOf(slug, other)).toBe("owner");
  });
});

describe("API keys and webhooks", () => {
  it("an API key needs organizations:read / organizations:write", async () => {
    const owner = await person();
    const slug = await newOrg(owner);
    const key = async (scopes: string[]) => {
      const res = await createKeyRoute(
        call("POST", "/api/users/me/api-keys", owner.token, { name: "k", scopes }),
        ctx(),
      );
      return (await res.json()).key as string;
    };
    const postsKey = await key(["posts:read"]);
    const refused = await listRoute(call("GET", "/api/organizations", postsKey), ctx());
    expect(refused.status).toBe(403);
    expect((await refused.json()).scope).toBe("organizations:read");
    const readKey = await key(["organizations:read"]);
    expect((await listRoute(call("GET", "/api/organizations", readKey), ctx())).status).toBe(200);
    const create = await createRoute(
      call("POST", "/api/organizations", readKey, { name: "K", slug: newSlug() }),
      ctx(),
    );
    expect((await create.json()).scope).toBe("organizations:write");
    const writeKey = await key(["organizations:write"]);
    const del = await deleteOrgRoute(
      call("DELETE", `/api/organizations/${slug}`, writeKey, { confirm: slug }),
      ctx({ slug }),
    );
    expect((await del.json()).code).toBe("reauthentication_required");
  });

  it("emits the webhook event in the change's transaction, and nothing for a refused change", async () => {
    const db = await getDb();
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({ url: "https://example.com/hook", events: ["member.role_changed"], secretSealed: "x" })
      .returning();
    const [owner, member] = [await person(), await person()];
    const slug = await newOrg(owner);
    await join(slug, member, "member");
    const before = await db.select().from(webhookEvents).where(eq(webhookEvents.type, "member.role_changed"));
    expect((await setRole(slug, member, owner, "member")).status).toBe(403);
    expect((await setRole(slug, owner, member, "admin")).status).toBe(200);
    const after = await db.select().from(webhookEvents).where(eq(webhookEvents.type, "member.role_changed"));
    expect(after.length - before.length).toBe(1);
    const payload = after.find((e) => !before.some((b) => b.id === e.id))!.payload as { data: Record<string, unknown> };
    expect(payload.data).toMatchObject({ organization: { slug }, member: { userId: member.user.id, role: "admin" } });
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint!.id));
  });
});

describe("the export", () => {
  it("lists the account's organizations and its role in each", async () => {
    const [owner, member] = [await person(), await person()];
    const slug = await newOrg(owner);
    await join(slug, member, "admin");
    const doc = await exportDocument(member.user.id, null);
    expect(doc?.organizations).toEqual([{ slug, name: "Acme", role: "admin", joinedAt: expect.any(String) }]);
  });
});
