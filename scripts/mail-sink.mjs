// A real SMTP server on loopback that keeps what it receives, for tests (and for trying the app by hand):
//   node scripts/mail-sink.mjs <port> <dir>   → writes each message to <dir>/<time>-<n>.json
// Imported, `startMailSink({ port, onMessage })` hands each parsed message to a callback; `delayMs` makes it answer
// each message that much later, like a slow relay (the soak's BENCH_SOAK_SMTP_DELAY_MS).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { SMTPConnection } from "smtp-server/lib/smtp-connection.js";

/**
 * smtp-server holds each new connection's greeting for 100 ms, to catch clients that talk before it (spam bots), and
 * has no option for it. A relay an app submits mail to greets at once; here the hold was two thirds of every
 * message's time on loopback (about 150 against 50 ms), and every test that waits for mail waited it out. The sink
 * greets at once. smtp-server's check of `maxClients`, which the sink does not set, goes with the hold.
 */
SMTPConnection.prototype.init = function init() {
  this._setListeners(() => this.connectionReady());
};

export function startMailSink({ port = 0, host = "127.0.0.1", onMessage, delayMs = 0 }) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true, // loopback only: no DNS query for the client's name
    onAuth(_auth, _session, callback) {
      callback(null, { user: "test" });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          onMessage({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            to: mail.to ? [mail.to].flat().flatMap((a) => a.value.map((v) => v.address)) : [],
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            receivedAt: new Date().toISOString(),
          });
          if (delayMs > 0) setTimeout(callback, delayMs);
          else callback();
        })
        .catch(callback);
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve({ server, port: server.server.address().port }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 2525);
  const dir = path.resolve(process.argv[3] ?? ".data/mail");
  mkdirSync(dir, { recursive: true });
  let n = 0;
  await startMailSink({
    port,
    onMessage(message) {
      // Written under another name, then renamed: a reader listing the directory never sees half a message.
      const file = path.join(dir, `${Date.now()}-${process.pid}-${n++}.json`);
      writeFileSync(`${file}.part`, JSON.stringify(message, null, 2));
      renameSync(`${file}.part`, file);
    },
  });
  console.log(`mail sink listening on smtp://127.0.0.1:${port}, writing to ${dir}`);
}
