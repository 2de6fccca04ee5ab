import { createServer, type ServerResponse } from "node:http";
import { Webhook } from "standardwebhooks";
import { sealUnder } from "../lib/crypto/seal-cipher";

/**
 * A webhook receiver for the e2e specs, on loopback (the app runs with WEBHOOKS_ALLOW_PRIVATE=true): every
 * request is verified with the `standardwebhooks` package (an implementation we did not write) and kept;
 * `mode` decides the answer — "ok" (204), "hang" (never answers: the sender is cut off mid-delivery), or a
 * status. `unique()` is what a receiver keeps after de-duplicating by `webhook-id`.
 */
export type Delivery = {
  id: string;
  timestamp: number;
  verified: boolean;
  payload: { type: string; timestamp: string; data: Record<string, unknown> } | null;
  answered: number | null;
};

export async function startWebhookReceiver(port: number, secret: string) {
  const deliveries: Delivery[] = [];
  const hanging: ServerResponse[] = [];
  const state = { mode: "ok" as "ok" | "hang" | number };
  const wh = new Webhook(secret);
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      let payload: Delivery["payload"] = null;
      try {
        payload = wh.verify(body, req.headers as Record<string, string>) as Delivery["payload"];
      } catch {
        // kept as unverified: the spec fails on it
      }
      const delivery: Delivery = {
        id: String(req.headers["webhook-id"]),
        timestamp: Number(req.headers["webhook-timestamp"]),
        verified: payload !== null,
        payload,
        answered: null,
      };
      deliveries.push(delivery);
      if (state.mode === "hang") return void hanging.push(res);
      delivery.answered = payload === null ? 400 : state.mode === "ok" ? 204 : state.mode;
      res.writeHead(delivery.answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    state,
    /** Deliveries acknowledged with a 2xx, one per `webhook-id` (what a de-duplicating receiver keeps). */
    unique: () => [...new Map(deliveries.filter((d) => d.answered === 204).map((d) => [d.id, d])).values()],
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The app's own secret format and sealing (pure modules of lib/, loaded here as they are): the spec writes an
// endpoint row the running server opens. The signatures are checked by the `standardwebhooks` package above.
export { newWebhookSecret } from "../lib/webhooks/sign";

/** The endpoint row's `secret_sealed`, as lib/webhooks/endpoints/manage.ts seals it (under the server's AUTH_SECRET). */
export const sealWebhookSecret = (plaintext: string, authSecret: string): string =>
  sealUnder("webhook-secret", plaintext, authSecret);
