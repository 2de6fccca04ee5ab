// The PGlite thread: the embedded database runs here, in a worker thread of its own, so that parsing,
// planning and running every query (PostgreSQL compiled to WebAssembly) never holds the server's
// event loop. db/pglite-thread.ts is the other end; each message is one call on the PGlite instance.
// A plain .mjs file outside the bundle, found from the working directory (like workers/bcrypt.mjs).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { compilePgliteWasm, PGLITE_OPTIONS } from "./pglite-options.mjs";

// PGlite's WebAssembly is read and compiled (on V8's background threads) while this thread loads PGlite itself.
const pgliteWasmModule = compilePgliteWasm();
const { PGlite } = await import("@electric-sql/pglite");
const { createDataDir, createTarball } = await import("./pglite-create.mjs");

// A new database (initdb and the migrations) is created in a short-lived process, not here: this thread
// only ever opens one that exists (db/pglite-create.mjs). A template tarball (PGLITE_TEMPLATE) only starts
// a database that does not exist yet; an in-memory one without a template is created as a tarball.
const { dataDir, template, migrationsFolder } = workerData;
const onDisk = !dataDir.includes("://");
let loadDataDir;
if (onDisk && !existsSync(path.join(dataDir, "PG_VERSION"))) {
  await createDataDir({ dataDir, template, migrationsFolder });
} else if (dataDir.startsWith("memory://")) {
  loadDataDir = new Blob([template ? readFileSync(template) : await createTarball({ migrationsFolder })]);
}

const db = new PGlite(dataDir, { ...PGLITE_OPTIONS, loadDataDir, pgliteWasmModule: await pgliteWasmModule });
await db.waitReady;

/** Open transactions by id: the Transaction object and how to end it. */
const transactions = new Map();
const keepText = (value) => value;

/** What crosses back for an error: PostgreSQL's fields, never the query's parameters. */
function plainError(error) {
  const out = { message: error?.message ?? String(error), name: error?.name ?? "Error" };
  for (const key of ["code", "severity", "detail", "hint", "constraint", "table", "column", "schema", "routine"]) {
    if (error?.[key] !== undefined) out[key] = error[key];
  }
  return out;
}

function begin(id) {
  return new Promise((started, failed) => {
    const entry = {};
    entry.done = db.transaction((tx) => {
      entry.tx = tx;
      transactions.set(id, entry);
      started();
      // Resolving commits; rejecting makes PGlite roll back.
      return new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    });
    entry.done.catch(failed);
  });
}

async function end(id, commit) {
  const entry = transactions.get(id);
  transactions.delete(id);
  if (commit) {
    entry.resolve();
    await entry.done;
  } else {
    entry.reject(new Error("rolled back"));
    await entry.done.catch(() => {});
  }
}

async function run(m) {
  const target = m.tx ? transactions.get(m.tx)?.tx : db;
  if (!target && m.op !== "begin") throw new Error("no such transaction");
  switch (m.op) {
    case "query": {
      // The parsers asked for are drizzle's: keep those types as text (drizzle maps them itself).
      const parsers = m.textTypes ? Object.fromEntries(m.textTypes.map((oid) => [oid, keepText])) : undefined;
      return target.query(m.sql, m.params, { rowMode: m.rowMode, parsers });
    }
    case "exec":
      return target.exec(m.sql);
    case "begin":
      return begin(m.tx);
    case "commit":
      return end(m.tx, true);
    case "rollback":
      return end(m.tx, false);
    case "close":
      return db.close();
    default:
      throw new Error(`unknown operation ${m.op}`);
  }
}

parentPort.on("message", (m) => {
  run(m).then(
    (result) => parentPort.postMessage({ id: m.id, result }),
    (error) => parentPort.postMessage({ id: m.id, error: plainError(error) }),
  );
});
parentPort.postMessage({ ready: true });
