import { z } from "zod";
import { healthSchema } from "../../http/dto-schemas";
import { noToken, registry } from "../registry";
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
