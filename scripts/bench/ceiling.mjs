// The bcrypt ceiling: compares per second with bcryptjs on `threads` worker threads, each comparing in
// a loop, in the bench process. What the server's pool could do if sign-ins cost nothing else.
import { Worker } from "node:worker_threads";

const WORKER = `
  const { parentPort, workerData } = require("node:worker_threads");
  const bcrypt = require("bcryptjs");
  const hash = bcrypt.hashSync("x-password", workerData.cost);
  for (let i = 0; i < 3; i++) bcrypt.compareSync("x-password", hash); // warm the JIT first
  const started = Date.now();
  const end = started + workerData.ms;
  let n = 0;
  while (Date.now() < end) { bcrypt.compareSync("x-password", hash); n++; }
  parentPort.postMessage(n / ((Date.now() - started) / 1000));`;

export async function bcryptCeiling({ threads, cost, seconds }) {
  const rates = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(WORKER, { eval: true, workerData: { cost, ms: seconds * 1000 } });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  return rates.reduce((a, b) => a + b, 0);
}
