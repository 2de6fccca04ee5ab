import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./api-test";
import { adminCli } from "./admin-server";
import { newPerson, remember } from "./helpers";
import { portFor, startAppServer } from "./servers";

/**
 * `npm run admin -- grant` on a PGlite directory, between two runs of a server of its own (offset 56). It needs
 * no PostgreSQL, so it runs without TEST_DATABASE_URL, unlike the rest of the console's tests (e2e/admin.spec.ts).
 */
test("the CLI grant on PGlite", async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), "accounts-admin-cli-"));
  const env = { PGLITE_DIR: dir, DATABASE_URL: "" };
  const port = portFor(56);
  let server = await startAppServer(port, env);
  const person = newPerson("plg");
  const signUp = await fetch(`${server.url}/api/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(person),
  });
  expect(signUp.status).toBe(201);
  await server.stop(); // PGlite's directory has one process at a time
  const granted = await adminCli("grant", person.username, env);
  expect(granted.status, granted.out).toBe(0);
  expect((await adminCli("grant", "nobody-at-all", env)).status).toBe(1);
  server = await startAppServer(port, env);
  try {
    const res = await fetch(`${server.url}/api/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ login: person.username, password: person.password }),
    });
    const { token: t } = (await res.json()) as { token: string };
    remember(t);
    const list = await fetch(`${server.url}/api/admin/users`, { headers: { Authorization: `Bearer ${t}` } });
    expect(list.status).toBe(200);
  } finally {
    await server.stop();
  }
});
