import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { POST as createKeyRoute } from "@/app/api/users/me/api-keys/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/admin/webhooks/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/admin/webhooks/[id]/route";
import { GET as deliveriesRoute } from "@/app/api/admin/webhooks/[id]/deliveries/route";
import { POST as retryRoute } from "@/app/api/admin/webhooks/[id]/retry/route";
import { POST as rotateRoute } from "@/app/api/admin/webhooks/[id]/rotate-secret/route";
import { POST as testRoute } from "@/app/api/admin/webhooks/[id]/test/route";
import { getDb } from "@/db/client";
import { securityEvents, webhookAttempts, webhookEndpoints, webhookEvents, webhookMessages } from "@/db/schema";
import { signedInAccount, staleProof } from "@/vitest/passwordless";
import { setRoleByLogin } from "../../admin/grant";
import { open } from "../../crypto/sealed";
import { getEnv } from "../../env";
import { resolveSessionToken } from "../../sessions/resolve";
import { emitWebhook } from "../../webhook-events/emit";
import { createWebhook } from "./manage";
import { isPublicAddress } from "../ssrf";

const flags = getEnv as unknown as () => { WEBHOOKS_ALLOW_HTTP: boolean; WEBHOOKS_ALLOW_PRIVATE: boolean };
afterEach(() => {
  flags().WEBHOOKS_ALLOW_HTTP = false;
  flags().WEBHOOKS_ALLOW_PRIVATE = false;
});

const noContext = { params: Promise.resolve({}) };
const idContext = (id: string) => ({ params: Promise.resolve({ id }) });

function call(method: string, path: string, token: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function newAdmin() {
  const account = await signedInAccount("wha");
  expect((await setRoleByLogin(account.user.username, "admin")).ok).toBe(true);
  return { ...account, caller: (await resolveSessionToken(account.token))! };
}

const PUBLIC_URL = "https://93.184.215.14/hooks/accounts?key=abc"; // an address literal: no DNS in tests

async function create(token: string, body: unknown) {
  return createRoute(call("POST", "/api/admin/webhooks", token, body), noContext);
}

async function created(token: string, body: Record<string, unknown> = {}) {
  const response = await create(token, { url: PUBLIC_URL, events: [], ...body });
  expect(response.status).toBe(201);
  return (await response.json()) as { webhook: { id: string; url: string; events: string[] }; secret: string };
}

describe("creating an endpoint", () => {
  it("answers 201 with the endpoint and its secret once; the row keeps it sealed; the list has no secret", async () => {
    const { token, user } = await newAdmin();
    const response = await create(token, {
      url: PUBLIC_URL,
      events: ["user.created", "user.deleted", "user.created"],
      description: "  CRM  ",
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.webhook).toMatchObject({
      url: PUBLIC_URL,
      events: ["user.created", "user.deleted"],
      description: "CRM",
      enabled: true,
    });
    expect(Object.keys(body.webhook)).toEqual(expect.arrayContaining(["id", "createdAt"]));
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(body.secret.slice(6), "base64")).toHaveLength(32);

    const db = await getDb();
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, body.webhook.id));
    expect(row!.secretSealed).not.toContain(body.secret.slice(6));
    expect(open("webhook-secret", row!.secretSealed)).toBe(body.secret);
    expect(row!.createdBy).toBe(user.id);

    const list = await listRoute(call("GET", "/api/admin/webhooks", token), noContext);
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(body.webhook.id);
    expect(text).not.toContain(body.secret.slice(6));
    expect(text).not.toMatch(/sealed|secret/i);

    const [event] = await db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, user.id), eq(securityEvents.type, "webhook_endpoint.created")));
    expect(event!.detail).toEqual({ endpointId: body.webhook.id, origin: "https://93.184.215.14" });
  });

  it("is refused to ordinary accounts, API keys, and outside the re-authentication window", async () => {
    const plain = await signedInAccount("whu");
    expect((await create(plain.token, { url: PUBLIC_URL, events: [] })).status).toBe(403);

    const admin = await newAdmin();
    const keyResponse = await createKeyRoute(
      call("POST", "/api/users/me/api-keys", admin.token, { name: "k", scopes: ["profile:read"] }),
      noContext,
    );
    const { key } = await keyResponse.json();
    const byKey = await create(key, { url: PUBLIC_URL, events: [] });
    expect(byKey.status).toBe(403);

    const stale = await staleProof(admin.caller);
    const refused = await create(admin.token, { url: PUBLIC_URL, events: [] });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "reauthentication_required" });
    expect(await createWebhook(stale, { url: PUBLIC_URL, events: [] }, { ip: null, userAgent: null })).toMatchObject({
      ok: false,
      error: { reason: "reauthentication_required" },
    });
    const db = await getDb();
    const rows = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.createdBy, admin.user.id));
    expect(rows).toHaveLength(0);
  });

  it.each([
    ["http://93.184.215.14/h", "https://"],
    ["ftp://93.184.215.14/h", "https://"],
    ["not a url", "https://"],
    ["https://user:pw@93.184.215.14/h", "user name and password"],
    ["https://93.184.215.14/h\u0000", "control characters"],
    ["https://127.0.0.1/h", "not allowed"],
    ["https://localhost/h", "not allowed"],
    ["https://[::1]/h", "not allowed"],
    ["https://[::ffff:127.0.0.1]/h", "not allowed"],
    ["https://10.1.2.3/h", "not allowed"],
    ["https://169.254.169.254/latest/meta-data", "not allowed"],
    ["https://100.64.0.1/h", "not allowed"],
    ["https://0.0.0.0/h", "not allowed"],
    ["https://2130706433/h", "not allowed"],
    ["https://[fd00::1]/h", "not allowed"],
    ["https://[fe80::1]/h", "not allowed"],
  ])("refuses %s with a field error (400)", async (url, words) => {
    const { token } = await newAdmin();
    const response = await create(token, { url, events: [] });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.errors.url.join(" ")).toContain(words);
  });

  it("refuses unknown event types, a long description and unknown fields", async () => {
    const { token } = await newAdmin();
    for (const body of [
      { url: PUBLIC_URL, events: ["user.exploded"] },
      { url: PUBLIC_URL, events: "user.created" },
      { url: PUBLIC_URL, events: [], description: "x".repeat(501) },
      { url: PUBLIC_URL, events: [], secret: "whsec_mine" },
      { url: PUBLIC_URL },
    ]) {
      const response = await create(token, body);
      expect(response.status).toBe(400);
    }
    expect((await create(token, { url: PUBLIC_URL, events: [], description: "é".repeat(500) })).status).toBe(201);
  });

  it("takes http:// only with WEBHOOKS_ALLOW_HTTP, and internal addresses only with WEBHOOKS_ALLOW_PRIVATE", async () => {
    const { token } = await newAdmin();
    flags().WEBHOOKS_ALLOW_HTTP = true;
    expect((await create(token, { url: "http://93.184.215.14/h", events: [] })).status).toBe(201);
    expect((await create(token, { url: "http://127.0.0.1:9/h", events: [] })).status).toBe(400);
    flags().WEBHOOKS_ALLOW_PRIVATE = true;
    expect((await create(token, { url: "http://127.0.0.1:9/h", events: [] })).status).toBe(201);
  });

  it("knows internal addresses", () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.1.1", "::1", "::", "fc00::1", "ff02::1"])
      expect(isPublicAddress(a)).toBe(false);
    for (const a of ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1"])
      expect(isPublicAddress(a)).toBe(true);
  });
});

describe("changing, rotating and deleting an endpoint", () => {
  it("PATCH changes fields, re-checks the URL, and enabling clears what the system set", async () => {
    const { token } = await newAdmin();
    const { webhook } = await created(token);
    const db = await getDb();
    await db
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: "The endpoint answered 410 Gone.", failingSince: new Date() })
      .where(eq(webhookEndpoints.id, webhook.id));

    const patch = (body: unknown) =>
      patchRoute(call("PATCH", `/api/admin/webhooks/${webhook.id}`, token, body), idContext(webhook.id));
    expect((await patch({ url: "https://192.168.0.10/h" })).status).toBe(400);
    const response = await patch({ enabled: true, events: ["user.deleted"], description: "now" });
    expect(response.status).toBe(200);
    expect((await response.json()).webhook).toMatchObject({
      enabled: true,
      disabledReason: null,
      events: ["user.deleted"],
      description: "now",
      url: PUBLIC_URL,
    });
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, webhook.id));
    expect(row!.failingSince).toBeNull();

    const got = await getRoute(call("GET", `/api/admin/webhooks/${webhook.id}`, token), idContext(webhook.id));
    expect((await got.json()).webhook.failingSince).toBeNull();
    expect((await patch({ enabled: "yes" })).status).toBe(400);
    const other = "00000000-0000-4000-8000-000000000000";
    expect(
      (await patchRoute(call("PATCH", `/api/admin/webhooks/${other}`, token, { enabled: true }), idContext(other)))
        .status,
    ).toBe(404);
    expect(
      (await patchRoute(call("PATCH", "/api/admin/webhooks/x", token, { enabled: true }), idContext("x"))).status,
    ).toBe(404);
  });

  it("rotating answers a new secret once and keeps the old one signing for 24 hours", async () => {
    const { token } = await newAdmin();
    const { webhook, secret } = await created(token);
    const response = await rotateRoute(
      call("POST", `/api/admin/webhooks/${webhook.id}/rotate-secret`, token),
      idContext(webhook.id),
    );
    expect(response.status).toBe(200);
    const rotated = await response.json();
    expect(Object.keys(rotated)).toEqual(["secret"]);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    const db = await getDb();
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, webhook.id));
    expect(open("webhook-secret", row!.secretSealed)).toBe(rotated.secret);
    expect(open("webhook-secret", row!.previousSecretSealed!)).toBe(secret);
    const hours = (row!.previousSecretExpiresAt!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24.01);
  });

  it("rotating and deleting need a fresh proof; DELETE answers 204, then 404", async () => {
    const admin = await newAdmin();
    const { webhook } = await created(admin.token);
    const path = `/api/admin/webhooks/${webhook.id}`;
    await staleProof(admin.caller);
    const rotate = await rotateRoute(call("POST", `${path}/rotate-secret`, admin.token), idContext(webhook.id));
    expect(rotate.status).toBe(403);
    expect((await deleteRoute(call("DELETE", path, admin.token), idContext(webhook.id))).status).toBe(403);

    const fresh = await newAdmin();
    expect((await deleteRoute(call("DELETE", path, fresh.token), idContext(webhook.id))).status).toBe(204);
    expect((await deleteRoute(call("DELETE", path, fresh.token), idContext(webhook.id))).status).toBe(404);
  });
});

describe("test events, retry now and the delivery list", () => {
  it("queues webhook.test to that endpoint only (202), and not to a disabled one (409)", async () => {
    const { token } = await newAdmin();
    const target = (await created(token)).webhook;
    const bystander = (await created(token)).webhook; // subscribed to everything
    const response = await testRoute(
      call("POST", `/api/admin/webhooks/${target.id}/test`, token),
      idContext(target.id),
    );
    expect(response.status).toBe(202);
    const { eventId } = await response.json();
    const db = await getDb();
    const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId));
    expect(event).toMatchObject({
      type: "webhook.test",
      payload: { type: "webhook.test", data: { webhook: { id: target.id } } },
    });
    const messages = await db.select().from(webhookMessages).where(eq(webhookMessages.eventId, eventId));
    expect(messages.map((m) => m.endpointId)).toEqual([target.id]);
    expect(messages.some((m) => m.endpointId === bystander.id)).toBe(false);

    await db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, target.id));
    const refused = await testRoute(call("POST", `/api/admin/webhooks/${target.id}/test`, token), idContext(target.id));
    expect(refused.status).toBe(409);
    const missing = "00000000-0000-4000-8000-000000000001";
    expect((await testRoute(call("POST", "/x", token), idContext(missing))).status).toBe(404);
    const plain = await signedInAccount("whp");
    expect((await testRoute(call("POST", "/x", plain.token), idContext(target.id))).status).toBe(403);
  });

  it("retry now makes this endpoint's pending and failed messages due now, and no one else's", async () => {
    const { token } = await newAdmin();
    const mine = (await created(token, { events: ["user.updated"] })).webhook;
    const other = (await created(token, { events: ["user.updated"] })).webhook;
    const db = await getDb();
    await db.transaction((tx) => emitWebhook("user.updated", { user: { id: "u1" } }, tx));
    await db.transaction((tx) => emitWebhook("user.updated", { user: { id: "u2" } }, tx));
    const later = new Date(Date.now() + 3_600_000);
    const [first, second] = await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, mine.id));
    await db
      .update(webhookMessages)
      .set({ status: "failed", doneAt: new Date(), nextAttemptAt: later })
      .where(eq(webhookMessages.id, first!.id));
    await db.update(webhookMessages).set({ nextAttemptAt: later }).where(eq(webhookMessages.id, second!.id));
    await db.update(webhookMessages).set({ nextAttemptAt: later }).where(eq(webhookMessages.endpointId, other.id));

    const response = await retryRoute(call("POST", `/api/admin/webhooks/${mine.id}/retry`, token), idContext(mine.id));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ retried: 2 });
    for (const m of await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, mine.id))) {
      expect(m.status).toBe("pending");
      expect(m.doneAt).toBeNull();
      expect(m.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    }
    for (const m of await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, other.id)))
      expect(m.nextAttemptAt.getTime()).toBe(later.getTime());
  });

  it("lists the endpoint's attempts newest first, in the contract's shape", async () => {
    const { token } = await newAdmin();
    const { webhook } = await created(token, { events: ["user.updated"] });
    const db = await getDb();
    await db.transaction((tx) => emitWebhook("user.updated", { user: { id: "u3" } }, tx));
    const [message] = await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, webhook.id));
    const base = { messageId: message!.id, endpointId: webhook.id, eventId: message!.eventId, type: "user.updated" };
    const next = new Date(Date.now() + 60_000);
    await db
      .insert(webhookAttempts)
      .values({ ...base, attempt: 1, status: 500, durationMs: 12, error: "HTTP 500", nextAttemptAt: next });
    await db.insert(webhookAttempts).values({ ...base, attempt: 2, status: 200, durationMs: 8 });

    const path = `/api/admin/webhooks/${webhook.id}/deliveries`;
    const response = await deliveriesRoute(call("GET", path, token), idContext(webhook.id));
    expect(response.status).toBe(200);
    const { deliveries } = await response.json();
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]).toEqual({
      id: expect.any(String),
      eventId: message!.eventId,
      type: "user.updated",
      attempt: 2,
      status: 200,
      durationMs: 8,
      at: expect.any(String),
    });
    expect(deliveries[1]).toMatchObject({
      attempt: 1,
      status: 500,
      error: "HTTP 500",
      nextAttemptAt: next.toISOString(),
    });
    const limited = await deliveriesRoute(call("GET", `${path}?limit=1`, token), idContext(webhook.id));
    expect((await limited.json()).deliveries).toHaveLength(1);
    expect((await deliveriesRoute(call("GET", `${path}?limit=0`, token), idContext(webhook.id))).status).toBe(400);
    const missing = "00000000-0000-4000-8000-000000000002";
    expect((await deliveriesRoute(call("GET", path, token), idContext(missing))).status).toBe(404);
  });
});
