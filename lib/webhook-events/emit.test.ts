import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookEndpoints, webhookEvents, webhookMessages } from "@/db/schema";
import { emitWebhook } from "./emit";

const endpoint = async (events: string[], enabled = true) => {
  const [row] = await (
    await getDb()
  )
    .insert(webhookEndpoints)
    .values({ url: "https://receiver.example/hook", events, enabled, secretSealed: "sealed" })
    .returning();
  return row!;
};
const messagesOf = async (endpointId: string) =>
  (await getDb())
    .select({ eventId: webhookMessages.eventId, payload: webhookEvents.payload })
    .from(webhookMessages)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookMessages.eventId))
    .where(eq(webhookMessages.endpointId, endpointId));

describe("emitWebhook", () => {
  it("writes nothing when no endpoint wants the type", async () => {
    const db = await getDb();
    const before = (await db.select().from(webhookEvents)).length;
    await emitWebhook("user.created", { user: { id: "u1" } }, db);
    expect(await db.select().from(webhookEvents)).toHaveLength(before);
  });

  it("queues one message per endpoint enabled and subscribed (all, or the type), with one event id", async () => {
    const all = await endpoint([]);
    const some = await endpoint(["user.created"]);
    const other = await endpoint(["user.deleted"]);
    const off = await endpoint([], false);
    await emitWebhook("user.created", { user: { id: "u2" } }, await getDb());
    const [a] = await messagesOf(all.id);
    const [s] = await messagesOf(some.id);
    expect(a?.eventId).toMatch(/^msg_[A-Za-z0-9_-]{32}$/);
    expect(s?.eventId).toBe(a?.eventId);
    expect(a?.payload).toMatchObject({ type: "user.created", data: { user: { id: "u2" } } });
    expect(new Date(a!.payload.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await messagesOf(other.id)).toEqual([]);
    expect(await messagesOf(off.id)).toEqual([]);
  });

  it("stands or falls with the change's transaction", async () => {
    const all = await endpoint([]);
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await emitWebhook("user.deleted", { user: { id: "u3" } }, tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await messagesOf(all.id)).toEqual([]);
  });
});
