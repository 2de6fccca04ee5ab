import http from "node:http";
import { expect, test } from "./api-test";
import { expectProblem, newPerson } from "./helpers";

// Oversized input is refused early with a clear answer, never a 500 or a hang. Times are printed,
// not asserted.
const ONE_MB = "x".repeat(1024 * 1024);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

test.describe("oversized input", () => {
  test("a 1 MB password and a 2 MB body get 413 from the JSON API", async ({ request }) => {
    const person = newPerson("big");
    const sessions = await timed("POST /api/sessions with a 1 MB password", () =>
      request.post("/api/sessions", { data: { login: person.username, password: ONE_MB } }),
    );
    expect((await expectProblem(sessions, 413)).detail).toMatch(/64 KiB/);
    const users = await timed("POST /api/users with a 1 MB password", () =>
      request.post("/api/users", { data: { ...person, password: ONE_MB } }),
    );
    expect((await expectProblem(users, 413)).detail).toMatch(/64 KiB/);
    const huge = await timed("POST /api/users with a 2 MB JSON body", () =>
      request.post("/api/users", { data: { ...person, bio: "word ".repeat(420_000) } }),
    );
    await expectProblem(huge, 413);
    // The account was not created by any of these.
    const signIn = await request.post("/api/sessions", { data: { login: person.username, password: person.password } });
    expect(signIn.status()).toBe(401);
  });

  test("a streamed body with no Content-Length is cut off at 64 KiB, before it ends", async ({ baseURL }) => {
    const url = new URL("/api/sessions", baseURL);
    const started = performance.now();
    const { status, bytesSent } = await new Promise<{ status: number; bytesSent: number }>((resolve, reject) => {
      const req = http.request(url, {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      let sent = 0;
      let answered = false;
      req.on("response", (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, bytesSent: sent });
        req.destroy();
      });
      req.on("error", (e) => (answered ? undefined : reject(e)));
      req.write('{"login":"a","password":"');
      // Keep sending 16 KiB every 20 ms, up to 4 MiB, never ending the body: only an early answer stops it.
      const chunk = "y".repeat(16 * 1024);
      const timer = setInterval(() => {
        if (answered || sent > 4 * 1024 * 1024) {
          clearInterval(timer);
          if (!answered) reject(new Error("no answer after 4 MiB"));
          return;
        }
        sent += chunk.length;
        req.write(chunk);
      }, 20);
    });
    console.log(
      `streamed body answered ${status} after ${bytesSent} bytes, ${Math.round(performance.now() - started)} ms`,
    );
    expect(status).toBe(413);
    expect(bytesSent).toBeLessThan(1024 * 1024);
  });

  test("the sign-in form with a 1 MB password answers with a clear message, not an error page", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Username or email").fill("somebody");
    await page.getByLabel("Password").fill(ONE_MB);
    await timed("sign-in form with a 1 MB password", async () => {
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByText("This is far too long.")).toBeVisible();
    });
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the sign-up form with a 1 MB password answers with a field error, not an error page", async ({ page }) => {
    const person = newPerson("big");
    await page.goto("/sign-up");
    await page.getByLabel("Username").fill(person.username);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(ONE_MB);
    await page.getByLabel("Confirm password").fill(ONE_MB);
    await timed("sign-up form with a 1 MB password", async () => {
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByText("This is far too long.").first()).toBeVisible();
    });
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expect(page.getByLabel("Username")).toHaveValue(person.username);
  });
});
