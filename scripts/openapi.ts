/**
 * Writes the OpenAPI document (lib/openapi) to a file, for `npm run lint:api` and the typed client's
 * types: `tsx scripts/openapi.ts [path]` (default .data/openapi.json).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { openApiDocument } from "../lib/openapi/document";

const out = process.argv[2] ?? ".data/openapi.json";
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(openApiDocument(), null, 2) + "\n");
console.log(`wrote ${out}`);
