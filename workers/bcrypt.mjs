// The bcrypt worker: runs inside a piscina worker thread, outside the Next.js bundle (a plain file
// located from process.cwd(), see lib/crypto/password-pool.ts). Synchronous bcryptjs is right here:
// the thread does nothing else, and the server's event loop never waits for it.
import bcrypt from "bcryptjs";

/** @param {{ password: string, cost: number }} task */
export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}

/** @param {{ password: string, hash: string }} task */
export function compare({ password, hash }) {
  return bcrypt.compareSync(password, hash);
}
