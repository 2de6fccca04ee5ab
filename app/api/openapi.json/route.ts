import { openApiDocument } from "@/lib/openapi/document";
import { json, route } from "@/lib/http/route";

/** GET /api/openapi.json — the API's OpenAPI 3.1 description, generated from the zod schemas. */
export const GET = route(async () => json(openApiDocument()));
