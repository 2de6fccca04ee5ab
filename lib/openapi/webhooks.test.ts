import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "../webhook-events/types";
import { openApiDocument } from "./document";

describe("the document's webhooks", () => {
  it("has one entry per event type, each a POST with the Standard Webhooks headers and its own body", () => {
    const webhooks = (openApiDocument() as { webhooks?: Record<string, Record<string, unknown>> }).webhooks ?? {};
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const op = webhooks[type]!.post as {
        parameters: { name: string; in: string }[];
        requestBody: {
          content: { "application/json": { schema: { properties: Record<string, { enum?: string[] }> } } };
        };
      };
      expect(op.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
        "header:webhook-id",
        "header:webhook-signature",
        "header:webhook-timestamp",
      ]);
      const body = op.requestBody.content["application/json"].schema;
      expect(Object.keys(body.properties).sort()).toEqual(["data", "timestamp", "type"]);
      expect(body.properties.type!.enum).toEqual([type]);
    }
  });
});
