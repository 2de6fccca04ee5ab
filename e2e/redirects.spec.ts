import { expect, test } from "./api-test";
import { signInWithForm, signUpApi } from "./helpers";

// A callbackUrl that points anywhere but a path on this site lands on /account after signing in.
const PAYLOADS = [
  "//evil.example",
  "https://evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/%2F%2Fevil.example",
  "javascript:alert(1)",
  "http:evil.example",
];

test.describe("open redirects", () => {
  for (const payload of PAYLOADS) {
    test(`callbackUrl ${payload} lands on /account on this site`, async ({ page, request, baseURL }) => {
      const { person } = await signUpApi(request);
      await page.goto("/sign-in?callbackUrl=" + encodeURIComponent(payload));
      await signInWithForm(page, person.username, person.password);
      await expect(page).toHaveURL(`${baseURL}/account`);
      await expect(page.getByText(`@${person.username}`).first()).toBeVisible();
    });
  }

  test("a signed-in visitor sent to /sign-in with a foreign callbackUrl stays on this site", async ({
    page,
    request,
    baseURL,
  }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(`${baseURL}/account`);
    for (const payload of PAYLOADS) {
      await page.goto("/sign-in?callbackUrl=" + encodeURIComponent(payload));
      await expect(page).toHaveURL(`${baseURL}/account`);
    }
  });
});
