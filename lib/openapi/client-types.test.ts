import { readFileSync } from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

/** The committed client types (client/api-types.ts, used by the e2e specs' openapi-fetch client) match the document. */
describe("client/api-types.ts", () => {
  it("is what openapi-typescript makes of the document today (else run `npm run openapi:types`)", async () => {
    const file = path.resolve(import.meta.dirname, "../../client/api-types.ts");
    const doc = JSON.parse(JSON.stringify(openApiDocument()));
    const generated = astToString(await openapiTS(doc));
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    expect(await prettier.format(generated, options)).toBe(
      // The CLI adds a "generated, do not edit" comment at the top.
      await prettier.format(readFileSync(file, "utf8").replace(/^\/\*\*[\s\S]*?\*\/\s*/, ""), options),
    );
  });
});
