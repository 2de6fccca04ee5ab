// WEBHOOKS_ALLOW_PRIVATE is left unset here (the default, false): the delivery itself refuses internal
// addresses, whatever was checked when the endpoint was saved.
delete process.env.WEBHOOKS_ALLOW_PRIVATE;

import { asc, eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookEndpoints } from "@/db/schema";
import { emitWebhook } from "../webhook-events/emit";
import { drainWebhooks } from "./deliver-worker";
import { insertEndpoint, newSecret, startReceiver } from "@/vitest/webhook-receiver";

const r = await startReceiver();
afterAll(() => r.close());

const attemptsOf = async (endpointId: string) =>
  (await getDb())
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.endpointId, endpointId))
    .orderBy(asc(webhookAttempts.id));

it.each([
  ["an IP literal", `http://127.0.0.1:${r.port}/hook`],
  ["an IPv4-mapped IPv6 literal", `http://[::ffff:127.0.0.1]:${r.port}/hook`],
  // A name is checked on the address it resolves to when dialled: a name saved while it pointed
  // elsewhere (DNS rebinding) is refused at connect all the same.
  ["a name that resolves to loopback", `http://localhost:${r.port}/hook`],
])("a loopback endpoint (%s) is refused when connecting: an attempt row says so, nothing arrives", async (_, url) => {
  await (await getDb()).delete(webhookEndpoints);
  const endpoint = await insertEndpoint(url, newSecret());
  await emitWebhook("user.created", { user: { id: "ssrf" } }, await getDb());
  await drainWebhooks();
  expect(r.received).toEqual([]);
  const [attempt] = await attemptsOf(endpoint.id);
  expect(attempt).toMatchObject({ attempt: 1, status: null, error: "address not allowed" });
  expect(attempt!.nextAttemptAt).not.toBeNull();
});
