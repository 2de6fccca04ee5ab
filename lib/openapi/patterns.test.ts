import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

/**
 * Every `pattern` in the document is plain ECMA-262 source, as JSON Schema means it: it compiles, carries no
 * `/flags` tail (a regular expression's `i` once leaked in as `…$/i`, a pattern nothing matches), and matches
 * a value the server accepts. A new pattern needs a valid value here.
 */
const VALID: Record<string, () => string[]> = {
  "^[A-Za-z0-9_-]*$": () => ["", "AbC-_09"],
  "^[A-Za-z0-9_-]{43}$": () => [Buffer.alloc(32, 7).toString("base64url")],
  "^[a-z_.]{1,64}$": () => ["sign_in.failed"],
  "^[1-9]\\d{0,15}$": () => ["1", "9007199254740991"],
  "^[a-z0-9-]{3,40}$": () => ["acme", "analytical-engines"],
};

function patterns(): { where: string; pattern: string }[] {
  const found: { where: string; pattern: string }[] = [];
  const walk = (node: unknown, where: string) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "pattern" && typeof value === "string") found.push({ where, pattern: value });
      else walk(value, `${where}/${key}`);
    }
  };
  walk(openApiDocument(), "");
  return found;
}

describe("the document's patterns", () => {
  it("compile as ECMA-262 and match a value the server accepts", () => {
    const all = patterns();
    expect(all.length).toBeGreaterThan(5);
    for (const { where, pattern } of all) {
      expect(pattern, where).not.toMatch(/\/[dgimsuvy]*$/);
      const regex = new RegExp(pattern, "u");
      const isUuid = /^\^\[0-9a-fA-F\]\{8\}-/.test(pattern);
      const valid = isUuid ? [randomUUID(), randomUUID().toUpperCase()] : VALID[pattern]?.();
      expect(valid, `a valid value for ${pattern} (${where})`).toBeDefined();
      for (const value of valid!) expect(regex.test(value), `${pattern} matches ${value}`).toBe(true);
    }
  });
});
