import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { askSelf, SELF_CHECK_PATH, selfCheckProblem } from "./self-check.mjs";

const leftovers = async () => (await readdir(os.tmpdir())).filter((name) => name.startsWith("accounts-self-check-"));

describe.skipIf(process.platform === "win32")("the server's own health check (scripts/self-check.mjs)", () => {
  it("sends one GET of /api/health to the server's own request function, on a socket only this user can reach, and removes it", async () => {
    const before = await leftovers();
    const seen: { method?: string; url?: string; host?: string; mode?: number; socketFile?: string }[] = [];
    const status = await askSelf((req: IncomingMessage, res: ServerResponse) => {
      const socketFile = String((req.socket as unknown as { server: { address(): string } }).server.address());
      seen.push({
        method: req.method,
        url: req.url,
        host: req.headers.host,
        socketFile,
        mode: statSync(path.dirname(socketFile)).mode & 0o777,
      });
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    });
    expect(status).toBe(200);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request).toMatchObject({ method: "GET", url: SELF_CHECK_PATH, host: "localhost", mode: 0o700 });
    expect(path.dirname(request!.socketFile!).startsWith(path.join(os.tmpdir(), "accounts-self-check-"))).toBe(true);
    expect(await leftovers()).toEqual(before);
  });

  it("answers with the route's status, and with an error when no answer comes in time", async () => {
    expect(await askSelf((_req: IncomingMessage, res: ServerResponse) => res.writeHead(500).end())).toBe(500);
    const silent = await askSelf(() => {}, SELF_CHECK_PATH, 200);
    expect(silent).toBeInstanceOf(Error);
    expect((silent as Error).message).toBe("no answer in 200 ms");
    const broken = await askSelf((req: IncomingMessage) => req.socket.destroy());
    expect(broken).toBeInstanceOf(Error);
  });

  it("leaves no directory behind when the process stops before the answer (a bad environment exits)", async () => {
    const before = await leftovers();
    const script = `import { askSelf } from ${JSON.stringify(path.resolve("scripts/self-check.mjs"))};
      await askSelf(() => process.exit(3));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(3);
    expect(await leftovers()).toEqual(before);
  });

  it("is worth a log line only when the routes did not answer as they should", () => {
    expect(selfCheckProblem(200)).toBeUndefined();
    expect(selfCheckProblem(503)).toBeUndefined(); // the database is not up yet: start-up logs that itself
    expect(selfCheckProblem(500)).toEqual({ status: 500 });
    expect(selfCheckProblem(404)).toEqual({ status: 404 });
    expect(selfCheckProblem(new Error("no answer in 5000 ms"))).toEqual({ reason: "no answer in 5000 ms" });
  });
});
