import { expect, test, type Page } from "./api-test";
import { expectProblem, newPerson } from "./helpers";

async function trySignUp(page: Page, person: { username: string; email: string }, password: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Username").fill(person.username);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test.describe("password policy", () => {
  for (const [kind, password, message] of [
    ["a common password", "sunshine", /one of the most common passwords/],
    ["a look-alike of a common password", "P@ssw0rd1!", /common password with small changes/],
  ] as const) {
    test(`the sign-up form refuses ${kind} with a field message`, async ({ page }) => {
      const person = newPerson("pol");
      await trySignUp(page, person, password);
      const field = page.getByLabel("Password", { exact: true });
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText(message)).toBeVisible();
      await expect(page).toHaveURL(/\/sign-up$/);
      await expect(page.getByLabel("Username")).toHaveValue(person.username);
    });
  }

  test("the sign-up form refuses a password holding the username", async ({ page }) => {
    const person = newPerson("pol");
    await trySignUp(page, person, `${person.username.toUpperCase()}!`);
    await expect(page.getByText("Don't use your username in your password.")).toBeVisible();
  });

  test("POST /api/users answers 400 with errors.password", async ({ request }) => {
    for (const [password, message] of [
      ["iloveyou", /most common/],
      ["Qwerty123!", /small changes/],
    ] as const) {
      const person = { ...newPerson("pol"), password };
      const body = await expectProblem(await request.post("/api/users", { data: person }), 400);
      expect(Object.keys(body.errors)).toEqual(["password"]);
      expect(body.errors.password[0]).toMatch(message);
    }
    const person = newPerson("pol");
    const holdsEmail = { ...person, password: `x-${person.email.split("@")[0]}-x` };
    const body = await expectProblem(await request.post("/api/users", { data: holdsEmail }), 400);
    expect(body.errors.password[0]).toMatch(/username|email/);
  });
});
