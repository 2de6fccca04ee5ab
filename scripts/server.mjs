// The production server: Next.js behind a plain Node HTTP server, so that
//  - the socket's address reaches the app (Next.js lets a client-sent X-Forwarded-For stand in for it),
//  - SIGTERM stops taking connections, lets requests in flight finish, then closes the database pool.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import next from "next";

const peer = new AsyncLocalStorage();
globalThis.__accountsPeer = peer;

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const store = { ip: req.socket.remoteAddress ?? null, databaseUnavailable: false };
  // A page that failed because the database is down (lib/http/outage.ts marks it) answers 503, not 500.
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status === 500 && store.databaseUnavailable) {
      res.setHeader("Retry-After", "5");
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
  peer.run(store, () => handle(req, res));
});
server.keepAliveTimeout = 5000;
server.listen(port, hostname, () => {
  process.stdout.write(
    JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "listening", port }) + "\n",
  );
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(
    JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "stopping", signal }) + "\n",
  );
  setTimeout(() => process.exit(1), 15_000).unref();
  server.close(async () => {
    await globalThis.__accountsDb?.close().catch(() => {});
    await globalThis.__accountsBcryptPool?.destroy().catch(() => {});
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
