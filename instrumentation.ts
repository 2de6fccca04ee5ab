/** Runs once when the server starts: validate the environment, open the database, apply migrations. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startUp } = await import("./lib/startup/start");
  await startUp();
}
