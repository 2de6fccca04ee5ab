import { expect, test } from "@playwright/test";
import { adminCli, adminServer } from "./admin-server";
import { newPerson, signInWithForm } from "./helpers";
import { portFor } from "./servers";

/**
 * The console's webhook pages end to end (issue 32): a refused form keeps what was typed and says why; a new
 * endpoint's secret is shown once with a copy button; the endpoint page sends a test event, rotates (a new
 * secret once), disables behind the confirmation dialog, enables and deletes. Its own server (adminServer).
 */
test("an administrator adds, tests, rotates, disables and deletes a webhook endpoint", async ({ page }) => {
  test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  test.setTimeout(180_000);
  const ctx = await adminServer(portFor(44));
  try {
    const person = newPerson("shotadm");
    await fetch(`${ctx.server.url}/api/users`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(person),
    });
    expect((await adminCli("grant", person.username, { DATABASE_URL: ctx.dbUrl })).status).toBe(0);
    await page.goto(`${ctx.server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    {
      await page.goto(`${ctx.server.url}/admin/webhooks/new`);
      await page.getByLabel("URL").fill("http://127.0.0.1/x");
      await page.getByLabel("All events").uncheck();
      await page.getByRole("button", { name: "Add endpoint" }).click();
      await expect(page.getByText("Choose at least one event")).toBeVisible();
      await expect(page.getByLabel("URL")).toHaveValue("http://127.0.0.1/x");
      await page.getByLabel("URL").fill("https://93.184.215.14/hooks/accounts");
      await page.getByLabel("user.created").check();
      await page.getByRole("button", { name: "Add endpoint" }).click();
      await expect(page.getByRole("button", { name: "Copy secret" })).toBeVisible();
      await page.getByRole("link", { name: "Go to the endpoint" }).click();
      await expect(page.getByRole("heading", { name: "Deliveries" })).toBeVisible();
      await page.getByRole("button", { name: "Send test event" }).click();
      await expect(page.getByText("A test event is on its way")).toBeVisible();
      await page.getByRole("button", { name: "Rotate secret" }).click();
      await expect(page.getByRole("button", { name: "Copy secret" })).toBeVisible();
      await page.getByRole("button", { name: "Disable" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
      await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Send test event" })).toHaveCount(0);
      await page.getByRole("button", { name: "Enable" }).click();
      await expect(page.getByRole("button", { name: "Send test event" })).toBeVisible();
      await page.getByRole("button", { name: "Delete" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
      await expect(page).toHaveURL(/deleted=1/);
      await expect(page.getByText("The endpoint was deleted.")).toBeVisible();
      await expect(page.getByText("No endpoints yet.")).toBeVisible();
    }
  } finally {
    await ctx.close();
  }
});
