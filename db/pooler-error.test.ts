import { createConnection, createServer, type Server, type Socket } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// PgBouncer answers a query it cannot serve ("query_wait_timeout", "server login has been failing") with an
// ErrorResponse and then closes the client connection, before any ReadyForQuery. postgres.js 3.4.9 kept that
// error on the connection object, and the connection's next life replayed it onto its first query: through
// PgBouncer, sign-ins kept failing with 08P01 long after PostgreSQL was back (issue 26; upstream
// porsager/postgres#1223). patches/postgres+3.4.9.patch clears it when the socket closes.
//
// A proxy in front of the test's own PostgreSQL answers like PgBouncer on the connections it is told to
// poison: the first query message after start-up gets a 08P01 ErrorResponse and the connection is closed.

const onPostgres = process.env.TEST_DB === "postgres";

function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SERROR\0VERROR\0C${code}\0M${message}\0\0`);
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

/** Passes bytes through; on a poisoned connection the first Query or Parse after start-up is refused. */
function poolerLikeProxy(target: URL) {
  let poisonNext = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const poisoned = poisonNext > 0 && poisonNext-- > 0;
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let startedUp = false;
    client.on("data", (chunk) => {
      if (!poisoned) return void upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      // Walk whole messages: the start-up message has no type byte, every later one does.
      for (;;) {
        const headLength = startedUp ? 5 : 4;
        if (pending.length < headLength) return;
        const length = pending.readInt32BE(startedUp ? 1 : 0) + (startedUp ? 1 : 0);
        if (pending.length < length) return;
        const type = startedUp ? String.fromCharCode(pending[0]!) : "";
        if (type === "Q" || type === "P") {
          client.end(errorResponse("08P01", "query_wait_timeout"));
          upstream.destroy();
          return;
        }
        upstream.write(pending.subarray(0, length));
        if (!startedUp && pending.readInt32BE(4) !== 80877103) startedUp = true; // not an SSLRequest
        pending = pending.subarray(length);
      }
    });
    upstream.on("data", (chunk) => client.writable && client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  return {
    server,
    poison: (connections: number) => void (poisonNext = connections),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe.skipIf(!onPostgres)("a connection a pooler closed with an error", () => {
  let proxy: ReturnType<typeof poolerLikeProxy>;
  let url: string;

  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!);
    proxy = poolerLikeProxy(target);
    const port = await new Promise<number>((resolve) =>
      proxy.server.listen(0, "127.0.0.1", () => resolve((proxy.server.address() as { port: number }).port)),
    );
    const via = new URL(target);
    via.hostname = "127.0.0.1";
    via.port = String(port);
    url = via.toString();
  });
  afterAll(() => proxy.close());

  it("does not replay the error onto the next query once the connection is open again", async () => {
    const sql = postgres(url, { max: 1, fetch_types: false, backoff: () => 0.01, onnotice: () => {} });
    try {
      proxy.poison(1);
      await expect(sql`select 1 as x`).rejects.toMatchObject({ code: "08P01", message: "query_wait_timeout" });
      const [row] = await sql`select 2 as x`;
      expect(row).toEqual({ x: 2 });
      const [again] = await sql`select 3 as x`;
      expect(again).toEqual({ x: 3 });
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it("a start-up refused by the pooler fails the waiting query at once, and the next query runs", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const sql = postgres(url, { max: 1, backoff: () => 0.01, onnotice: () => {} }); // fetch_types on, as the app runs
    try {
      proxy.poison(1); // the first connection's array-type query is refused
      await expect(sql`select 4 as x`).rejects.toMatchObject({ code: "08P01", message: "query_wait_timeout" });
      const [row] = await sql`select 5 as x`;
      expect(row).toEqual({ x: 5 });
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      await sql.end({ timeout: 1 });
    }
  });
});
