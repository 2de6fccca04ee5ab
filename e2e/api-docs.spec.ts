import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test, type Page } from "./api-test";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * One title (Redoc's own "Accounts API" would repeat the page's), and the app's font and colours in the
 * reference, in the colour scheme the page was loaded in.
 */
async function expectAppLooks(page: Page, colorScheme: "light" | "dark") {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(["API reference"]);
  const looks = await page.evaluate(() => {
    const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
    return {
      bodyFont: style("body").fontFamily,
      redocFont: style(".api-content").fontFamily,
      bodyText: style("h1").color,
      redocHeading: style(".api-content h2").color,
      page: style("body").backgroundColor,
      menu: style(".menu-content").backgroundColor,
    };
  });
  expect(looks.redocFont).toBe(looks.bodyFont);
  // The same colours as the page: Redoc's are read as rgb() from the app's variables, the page's may be oklch.
  const rgb = (css: string) =>
    page.evaluate((c) => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.fillStyle = c;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3).join(",");
    }, css);
  expect(await rgb(looks.redocHeading)).toBe(await rgb(looks.bodyText));
  const [r, g, b] = (await rgb(looks.menu)).split(",").map(Number);
  // The menu is a light panel in light mode and a dark one in dark mode.
  if (colorScheme === "dark") expect(r! + g! + b!).toBeLessThan(150);
  else expect(r! + g! + b!).toBeGreaterThan(600);
}

/**
 * How long Redoc may take to render the document: well under 20 s on an idle 2-core machine, more when workers
 * render it at once on a busy one. What is tested is that it renders, not how fast.
 */
const RENDERED_WITHIN = 90_000;

test.describe("/docs/api: the API reference", () => {
  // Redoc renders the whole document (about 90 operations and 26 webhook events) in the browser: 20–30 s idle,
  // over a minute on a busy machine.
  test.describe.configure({ timeout: 180_000 });
  test("renders every operation of the document, with no CSP violation and no request off the site", async ({
    page,
    request,
    baseURL,
  }) => {
    const doc = await (await request.get("/api/openapi.json")).json();
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (item) => Object.values(item).map((op) => op.operationId),
    );
    expect(operations.length).toBeGreaterThan(10);

    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(String(e)));
    const offSite: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(baseURL!) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) {
        offSite.push(r.url());
      }
    });

    const res = await page.goto("/docs/api");
    const csp = res!.headers()["content-security-policy"]!;
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toMatch(/style-src 'self' 'nonce-/);

    await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
    for (const id of operations) {
      // Redoc gives each operation a section with id "operation/<operationId>".
      await expect(page.locator(`[id$="operation/${id}"]`).first(), id).toBeAttached({ timeout: RENDERED_WITHIN });
    }
    await page.screenshot({ path: "test-results/api-docs.png" });
    await page.locator('[id$="operation/signIn"]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/api-docs-sign-in.png" });
    expect(problems).toEqual([]);
    expect(offSite).toEqual([]);
  });

  for (const colorScheme of ["light", "dark"] as const)
    for (const width of [1280, 375])
      // At 1280 px the same page load also checks the title and the app's look (a load of the reference costs
      // a Redoc render of every operation: a test of its own for them cost two more).
      test(`passes an axe-core audit at ${width} px, ${colorScheme}${width === 1280 ? "; one title, and the app's font and colours" : ""}`, async ({
        page,
      }) => {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 800 });
        await page.goto("/docs/api");
        await expect(page.locator('[id$="operation/signUp"]').first()).toBeAttached({ timeout: RENDERED_WITHIN });
        if (width === 1280) await expectAppLooks(page, colorScheme);
        // Redoc's skipped heading levels are relabelled once it has rendered (app/docs/api/reference.js).
        await expect(page.locator("#redoc [aria-level]").first()).toBeAttached();
        // Evaluated through the DevTools protocol, which the page's CSP does not govern: the page audited is the
        // one users get. The same rules and impacts as the other pages' audit (WCAG 2.1 A/AA and best practices).
        await page.screenshot({ path: `test-results/api-docs-${width}-${colorScheme}.png` });
        await page.evaluate(AXE);
        const violations = await page.evaluate(
          async (tags) => {
            type Axe = {
              run(
                c: unknown,
                o: unknown,
              ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
            const axe = (window as unknown as { axe: Axe }).axe;
            const result = await axe.run(document, {
              runOnly: { type: "tag", values: tags },
              resultTypes: ["violations"],
            });
            return result.violations
              .filter((v) => ["critical", "serious", "moderate"].includes(v.impact))
              .map(
                (v) =>
                  `${v.impact} ${v.id}: ${v.nodes.length} × ${[...new Set(v.nodes.map((n) => (n as unknown as { any: { message: string }[] }).any[0]?.message.replace(/\.? *Expected.*$/, "") + " @ " + n.target.join(" ").replace(/#operation\\\/\w+ > /, "")))].slice(0, 12).join(" | ")}`,
              );
          },
          ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        );
        expect(violations).toEqual([]);
      });

  test("the home page's footer links the reference", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "API reference" }).click();
    await expect(page).toHaveURL(/\/docs\/api$/);
  });
});
