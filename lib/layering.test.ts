import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * lib/ is a stack: each folder imports only folders of a strictly lower rank (files directly in lib/
 * are the "(root)" kernel). A folder that is not in this table fails until it is given a rank.
 * docs/architecture.md explains the layers; change both together.
 */
const RANKS: Record<string, number> = {
  // kernel
  "(root)": 0,
  crypto: 1,
  // infrastructure: no domain knowledge
  http: 2,
  email: 2,
  security: 2,
  "email-tokens": 2,
  "webhook-events": 2,
  health: 2,
  // entities: one table each
  users: 3,
  sessions: 4,
  // factors: ways of proving who you are
  "two-factor": 5,
  passkeys: 5,
  identities: 5,
  "api-keys": 5,
  // flows: what a person does; every way in lives in auth/
  auth: 6,
  reauth: 6,
  verification: 6,
  "password-reset": 7,
  "email-change": 7,
  account: 8,
  // features built on the accounts
  access: 9,
  admin: 9,
  posts: 9,
  organizations: 9,
  follows: 9,
  webhooks: 9,
  maintenance: 9,
  // adapters and the composition root
  forms: 10,
  openapi: 10,
  startup: 10,
};

const LIB = import.meta.dirname;
const isSource = (name: string) => /\.(ts|tsx|mts|mjs|js)$/.test(name) && !/\.test\.|\.d\.m?ts$/.test(name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return isSource(name) ? [p] : [];
  });
}

/** The lib/ folder a path belongs to, "(root)" for lib/*.ts, null outside lib/. */
function folderOf(file: string): string | null {
  const rel = path.relative(LIB, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length === 1 ? "(root)" : parts[0]!;
}

const IMPORT =
  /(?:import|export)\s[^'";]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gms;

type Import = { from: string; to: string; where: string };

/** Every import in `source` (a file at `file`) that leaves its own lib/ folder for another one. */
function crossFolderImports(file: string, source: string): Import[] {
  const from = folderOf(file);
  const found: Import[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    const target = spec.startsWith(".")
      ? path.resolve(path.dirname(file), spec)
      : spec.startsWith("@/lib/")
        ? path.join(LIB, spec.slice("@/lib/".length))
        : null;
    const to = target && folderOf(target);
    if (!from || !to || to === from) continue;
    const line = source.slice(0, m.index).split("\n").length;
    found.push({ from, to, where: `${path.relative(path.dirname(LIB), file)}:${line}` });
  }
  return found;
}

/** The imports that break the stack: to a folder of the same or a higher rank, or from/to a folder without one. */
function violations(imports: Import[]): string[] {
  return imports.flatMap(({ from, to, where }) => {
    const a = RANKS[from];
    const b = RANKS[to];
    if (a === undefined) return [`${where}: lib/${from}/ has no rank in lib/layering.test.ts`];
    if (b === undefined) return [`${where}: lib/${to}/ has no rank in lib/layering.test.ts`];
    return b < a ? [] : [`${where}: ${from} (rank ${a}) imports ${to} (rank ${b}), which is not below it`];
  });
}

describe("lib/ is a one-way stack", () => {
  const files = sourceFiles(LIB);

  it("every folder of lib/ has a rank", () => {
    const folders = new Set(files.map((f) => folderOf(f)!));
    expect([...folders].filter((f) => RANKS[f] === undefined)).toEqual([]);
  });

  it("every import points to a folder of a strictly lower rank", () => {
    const found = files.flatMap((f) => violations(crossFolderImports(f, readFileSync(f, "utf8"))));
    expect(found).toEqual([]);
  });

  it("catches an import that points up or sideways, with its file and line", () => {
    const planted = path.join(LIB, "users", "planted.ts");
    const source =
      'import "server-only";\nimport { signIn } from "../auth/sign-in";\nexport { x } from "@/lib/sessions/x";\n';
    expect(violations(crossFolderImports(planted, source))).toEqual([
      "lib/users/planted.ts:2: users (rank 3) imports auth (rank 6), which is not below it",
      "lib/users/planted.ts:3: users (rank 3) imports sessions (rank 4), which is not below it",
    ]);
    const sideways = path.join(LIB, "email", "planted.ts");
    expect(violations(crossFolderImports(sideways, 'import { hit } from "../security/rate-limit";'))).toEqual([
      "lib/email/planted.ts:1: email (rank 2) imports security (rank 2), which is not below it",
    ]);
    const unranked = path.join(LIB, "newthing", "a.ts");
    expect(violations(crossFolderImports(unranked, 'import { ok } from "../result";'))).toEqual([
      "lib/newthing/a.ts:1: lib/newthing/ has no rank in lib/layering.test.ts",
    ]);
  });
});
