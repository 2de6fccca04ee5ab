import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pruneTemplates } from "../scripts/pglite-template.mjs";
import { migratedTemplate, templateKey } from "./pglite-template.mjs";

// The migrated template a new PGlite directory is copied from (db/pglite-create.mjs). `create` stands in for
// the process that makes a database (db/pglite-thread.test.ts makes real ones through it).
const MIGRATIONS = path.join("db", "migrations");
const scratch = mkdtempSync(path.join(os.tmpdir(), "accounts-pglite-template-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake database: what the template check looks for. */
const fakeDatabase = async (dir: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "PG_VERSION"), "17\n");
};

describe("the PGlite template", () => {
  it("is keyed to the migrations: the same folder gives the same key, a changed migration another", () => {
    const copy = path.join(scratch, "migrations");
    cpSync(MIGRATIONS, copy, { recursive: true });
    expect(templateKey(copy)).toBe(templateKey(MIGRATIONS));
    writeFileSync(path.join(copy, "0000_init.sql"), "-- changed\n", { flag: "a" });
    expect(templateKey(copy)).not.toBe(templateKey(MIGRATIONS));
    rmSync(copy, { recursive: true });
  });

  it("is made once, and two starts making it at once end with the same complete one", async () => {
    const dir = path.join(scratch, "once");
    let made = 0;
    const create = async (target: string) => {
      made++;
      await fakeDatabase(target);
    };
    const [a, b] = await Promise.all([
      migratedTemplate(MIGRATIONS, create, dir),
      migratedTemplate(MIGRATIONS, create, dir),
    ]);
    expect(a).toBe(b);
    expect(existsSync(path.join(a, "PG_VERSION"))).toBe(true);
    expect(await migratedTemplate(MIGRATIONS, create, dir)).toBe(a);
    expect(made).toBe(2); // both made one; the second kept the first's
    expect(readdirSync(dir)).toEqual([path.basename(a)]); // nothing half-made left beside it
  });

  it("leaves nothing behind when making it fails, and is made again next time", async () => {
    const dir = path.join(scratch, "failed");
    const failing = async (target: string) => {
      mkdirSync(target, { recursive: true });
      throw new Error("initdb failed");
    };
    await expect(migratedTemplate(MIGRATIONS, failing, dir)).rejects.toThrow("initdb failed");
    expect(readdirSync(dir)).toEqual([]);
    const made = await migratedTemplate(MIGRATIONS, fakeDatabase, dir);
    expect(existsSync(path.join(made, "PG_VERSION"))).toBe(true);
  });

  it("prunes the templates of other migrations", async () => {
    const dir = path.join(scratch, "prune");
    const kept = await migratedTemplate(MIGRATIONS, fakeDatabase, dir);
    await fakeDatabase(path.join(dir, "0123456789abcdef01234567"));
    pruneTemplates(path.basename(kept), dir);
    expect(readdirSync(dir)).toEqual([path.basename(kept)]);
  });
});
