import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { webhookEndpoints, webhookMessages } from "../db/schema";
import { seal } from "../lib/crypto/sealed";

/**
 * Test helpers for the webhook delivery tests: a receiver on loopback that records each
 * request and answers from a script, endpoint rows inserted directly with a sealed secret, and a way to
 * make retries due now.
 */
export type Received = { headers: IncomingMessage["headers"]; body: string; path: string };
export type Answer = { status: number; headers?: Record<string, string> } | "hang";

export async function startReceiver(script: Answer[] = [], fallback: Answer = { status: 200 }) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body, path: req.url ?? "/" });
      const answer = script.shift() ?? fallback;
      if (answer === "hang") return void hanging.push(res);
      res.writeHead(answer.status, answer.headers).end("ok");
    });
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { newWebhookSecret as newSecret } from "../lib/webhooks/sign";

export async function insertEndpoint(
  url: string,
  secret: string,
  extra: Partial<typeof webhookEndpoints.$inferInsert> = {},
) {
  const [row] = await (
    await getDb()
  )
    .insert(webhookEndpoints)
    .values({ url, events: [], secretSealed: seal("webhook-secret", secret), ...extra })
    .returning();
  return row!;
}

/** Makes the endpoint's pending retries due now (the test does not wait out the back-off). */
export async function makeDue(endpointId: string) {
  await (
    await getDb()
  )
    .update(webhookMessages)
    .set({ nextAttemptAt: sql`now()` })
    .where(eq(webhookMessages.endpointId, endpointId));
}
