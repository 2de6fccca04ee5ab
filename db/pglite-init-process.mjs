// Starts db/pglite-init.mjs, the short-lived process that creates a new PGlite database (initdb, then the
// migrations), and waits for it: used by db/pglite-create.mjs and db/pglite-template.mjs.
import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Found from the working directory, like the thread's own file: the production build bundles the PGlite
 * thread (this module with it), but the process runs the file as it is, beside its imports.
 */
const INIT_FILE = path.join(process.cwd(), "db", "pglite-init.mjs");
/** Runs db/pglite-init.mjs; resolves with what it wrote to stdout. */
export function runInit(job) {
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS is the server's (a debugger's port, a preloaded module): not this process's business.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [INIT_FILE, JSON.stringify(job)], {
      env,
      stdio: ["ignore", "pipe", "pipe", "ipc"], // the channel: the process stops if this one goes away
    });
    const out = [];
    let err = "";
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => (err = (err + d).slice(-2000)));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`creating the PGlite database failed (${signal ?? `exit code ${code}`}): ${err.trim()}`));
    });
  });
}
