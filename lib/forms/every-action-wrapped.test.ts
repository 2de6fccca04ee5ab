import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every server action goes through lib/forms/action.ts (caller, schema, client info, the one error
 * map, the outage and signed-out messages). A "use server" file whose export is written by hand would
 * copy those insides again; this finds it.
 */
const WRAPPERS = /^export const \w+ = (publicFormAction|signedInFormAction|signedInAction|callerAction)\(/;

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverActionFiles(full);
    if (!/\.tsx?$/.test(entry.name)) return [];
    return /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

describe("server actions", () => {
  const files = serverActionFiles(path.join(process.cwd(), "app"));

  it("are found", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it("each export is made by the action wrapper", () => {
    const handWritten = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => /^export (async )?(function|const|let)\b/.test(line) && !WRAPPERS.test(line))
        .map((line) => `${path.relative(process.cwd(), file)}: ${line}`),
    );
    expect(handWritten).toEqual([]);
  });
});
