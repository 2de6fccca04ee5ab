// The server asks itself for GET /api/health before it opens its port: a real HTTP request through the same
// request function the port will use, on a Unix socket in a directory only this user can enter (a named pipe on
// Windows), closed once answered. It shows that a request gets through the build's routes before a load balancer
// can send one, and the first request's one-time work (Next.js's route machinery and the health route's bundle,
// ~70–90 ms: BENCHMARKS.md, "Issue 34, round 9") is done while start-up still waits for the database, not on the
// first request that arrives. Nothing else listens: the port itself opens only after start-up, as before.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";

export const SELF_CHECK_PATH = "/api/health";
const TIMEOUT_MS = 5000; // the health route answers within 3 s (lib/health/check.ts)

/**
 * Sends one GET of `target` to `listener`, the server's own `(req, res)` function. Resolves to the answer's status,
 * or to an Error when none came (a socket that cannot be made, a broken route, the timeout); never rejects.
 */
export async function askSelf(listener, target = SELF_CHECK_PATH, timeoutMs = TIMEOUT_MS) {
  const server = http.createServer(listener);
  let dir;
  // A start-up that stops the process meanwhile (a bad environment: process.exit) leaves no directory behind.
  const removeDir = () => dir && rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeDir);
  try {
    let socketPath;
    if (process.platform === "win32") socketPath = `\\\\.\\pipe\\accounts-self-check-${randomUUID()}`;
    else {
      // mode 0700; made at once, so that an exit hook that runs meanwhile knows it
      dir = mkdtempSync(path.join(os.tmpdir(), "accounts-self-check-"));
      socketPath = path.join(dir, "s");
    }
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, resolve);
    });
    return await new Promise((resolve, reject) => {
      const request = http.get({ socketPath, path: target, agent: false, headers: { host: "localhost" } }, (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode));
        res.once("error", reject);
      });
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      request.once("error", reject);
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    server.closeAllConnections();
    server.close();
    process.off("exit", removeDir);
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

/** What the server logs about the answer: nothing for 200, or 503 (the database is not up yet: start-up says so). */
export function selfCheckProblem(answer) {
  if (answer instanceof Error) return { reason: answer.message };
  if (answer !== 200 && answer !== 503) return { status: answer };
  return undefined;
}
