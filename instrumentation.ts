/** Runs once when the server starts: validate the environment, open the database, apply migrations. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startUp, startUpInBackground } = await import("./lib/startup/start");
  const { portHeldForStartUp } = await import("./lib/process-store.mjs");
  // scripts/server.mjs keeps its port closed until start-up reports back, so Next.js need not hold requests until
  // it ends: the server's own health check runs meanwhile. Under `next dev`, `next start` or Vercel it must.
  if (portHeldForStartUp()) startUpInBackground();
  else await startUp();
}
