import { z } from "zod";
import { healthSchema, maintenanceSchema } from "../../http/dto-schemas";
import { cronSecret, noToken, registry } from "../registry";
import { jsonResponse, problemResponses } from "../responses";

registry.registerPath({
  method: "get",
  path: "/api/health",
  operationId: "health",
  security: noToken,
  tags: ["Service"],
  summary: "Health",
  description: "200 when the database answers within three seconds.",
  responses: { 200: jsonResponse("Up.", healthSchema), ...problemResponses() },
});

registry.registerPath({
  method: "get",
  path: "/api/openapi.json",
  operationId: "getOpenApiDocument",
  security: noToken,
  tags: ["Service"],
  summary: "This document",
  responses: {
    200: jsonResponse(
      "The OpenAPI 3.1 description of the API.",
      z.object({ openapi: z.string().meta({ example: "3.1.0" }) }).loose(),
    ),
    ...problemResponses(),
  },
});

registry.registerPath({
  method: "get",
  path: "/api/cron/maintenance",
  operationId: "runMaintenance",
  security: [{ [cronSecret.name]: [] }],
  tags: ["Service"],
  summary: "Maintenance (Vercel Cron)",
  description:
    "Sends the mail outbox's due messages and deletes expired rows. Called by Vercel Cron (vercel.json) " +
    "with `Authorization: Bearer $CRON_SECRET`; refused without `CRON_SECRET` set.",
  responses: { 200: jsonResponse("Done.", maintenanceSchema), ...problemResponses(401) },
});
