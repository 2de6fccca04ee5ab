import { spawn } from "node:child_process";
import { freshDatabase, portFor, RAISED_ADDRESS_LIMITS, startAppServer, type AppServer } from "./servers";

/**
 * A production server of its own on a fresh PostgreSQL database (TEST_DATABASE_URL), so that the CLI
 * can make an administrator while it runs (the shared e2e server's PGlite directory is its alone).
 */
export async function adminServer(
  port: number,
): Promise<{ server: AppServer; dbUrl: string; close: () => Promise<void> }> {
  const db = await freshDatabase(process.env.TEST_DATABASE_URL!);
  const server = await startAppServer(port, {
    DATABASE_URL: db.url,
    // The suite's mail sink (playwright.config.ts): a spec can follow a verification link.
    SMTP_URL: `smtp://127.0.0.1:${portFor(22)}`,
    ...RAISED_ADDRESS_LIMITS,
  });
  return {
    server,
    dbUrl: db.url,
    close: async () => {
      await server.stop();
      await db.drop();
    },
  };
}

/**
 * `npm run admin -- <command> <login>` on the given database settings; its exit status and output.
 * Asynchronous on purpose: a spawnSync held the test's event loop for the CLI's several seconds, so the
 * keep-alive socket the server closed meanwhile was not seen closing, and the next fetch reused it
 * ("other side closed").
 */
export function adminCli(
  command: "grant" | "revoke",
  login: string,
  env: Record<string, string>,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "admin", "--", command, login], {
      env: { ...process.env, DATABASE_URL: "", ...env },
      timeout: 60_000,
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (status) => resolve({ status, out }));
  });
}
