import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

/**
 * The document names exactly the route handlers there are: every method exported by an
 * app/api/**\/route.ts (but Auth.js's own api/auth/* and the unknown-path catch-all) is documented, and nothing else is.
 */
const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/sessions/[id]/route.ts → /api/sessions/{id} */
function urlPath(file: string): string {
  const rel = path.relative(path.dirname(API_DIR), path.dirname(file)).split(path.sep).join("/");
  return "/" + rel.replace(/\[([^\]]+)\]/g, "{$1}");
}

async function handlers(): Promise<string[]> {
  // Auth.js's own routes, and the catch-all that answers unknown /api paths with a 404 problem.
  const files = routeFiles(API_DIR).filter((f) => !urlPath(f).startsWith("/api/auth/") && !f.includes("[[...path]]"));
  const found: string[] = [];
  for (const file of files) {
    const mod: Record<string, unknown> = await import(file);
    for (const method of METHODS) if (typeof mod[method] === "function") found.push(`${method} ${urlPath(file)}`);
  }
  return found.sort();
}

function documented(): string[] {
  const paths = openApiDocument().paths ?? {};
  return Object.entries(paths)
    .flatMap(([p, item]) => METHODS.filter((m) => item && m.toLowerCase() in item).map((m) => `${m} ${p}`))
    .sort();
}

describe("the OpenAPI document covers the route handlers", () => {
  it("documents every exported method of app/api/**/route.ts, and names no route that does not exist", async () => {
    const real = await handlers();
    expect(real.length).toBeGreaterThan(10);
    expect(documented()).toEqual(real);
  });

  it("leaves Auth.js's own routes out", () => {
    expect(Object.keys(openApiDocument().paths ?? {}).some((p) => p.startsWith("/api/auth"))).toBe(false);
  });

  it("says for every operation whether it needs a token, and gives every request body an example", () => {
    for (const [p, item] of Object.entries(openApiDocument().paths ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method.toLowerCase() as "get"];
        if (!op) continue;
        expect(op.security, `${method} ${p} security`).toBeDefined();
        const body = op.requestBody && "content" in op.requestBody ? op.requestBody.content["application/json"] : null;
        if (op.requestBody) expect(body?.example, `${method} ${p} example`).toBeDefined();
        const needsToken = (op.security ?? []).length > 0;
        if (needsToken) expect(op.responses?.["401"], `${method} ${p} 401`).toBeDefined();
      }
    }
  });
});
