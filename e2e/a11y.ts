// Accessibility audit with axe-core (WCAG 2.0/2.1 A and AA, and axe's best practices), for any spec:
//   await expectAccessible(page);
// fails on every critical, serious or moderate violation, naming the rule and the elements.
// axe.source is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
// audited page is the one users get (no bypassCSP, no test-only script tag).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const FAILING = new Set(["critical", "serious", "moderate"]);

type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

/** The serious (and moderate, and critical) axe violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // A server action or client navigation re-renders the head, and Next.js streams the metadata in after
  // the body: audit the page once its title is back. A page that never gets one still fails, here.
  await expect(page, "the page's <title>").toHaveTitle(/\S/);
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  // A colour mid-transition (a button fading to its pending shade) is not what anyone reads: let the
  // page's animations and transitions finish before measuring contrast.
  // Endless ones (a spinner) are left running.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const run = () =>
    page.evaluate(async (tags) => {
      const axe = (
        window as unknown as {
          axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> };
        }
      ).axe;
      const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return result.violations as Violation[];
    }, TAGS);
  let violations = await run();
  // A router.refresh() the page started itself (after creating an API key, say) can land during the run and
  // take the title out for a moment while the new metadata streams in. Audit once more when the title is back:
  // a page without one fails both times.
  if (violations.some((v) => v.id === "document-title")) {
    await expect(page, "the page's <title>").toHaveTitle(/\S/);
    violations = await run();
  }
  return violations.filter((v) => FAILING.has(v.impact ?? ""));
}

/** Fails with a readable list when axe finds a moderate, serious or critical violation on the page. */
export async function expectAccessible(page: Page, label = page.url(), { soft = false } = {}): Promise<void> {
  const found = await axeViolations(page);
  const report = found.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("\n")}`,
  );
  (soft ? expect.soft : expect)(report, `axe on ${label}`).toEqual([]);
}

/** Widths every page is audited at: a desktop window and a small phone. */
export const AUDIT_WIDTHS = [1280, 375] as const;

/** Colour schemes every page is audited in (dark follows prefers-color-scheme: app/globals.css). */
export const AUDIT_SCHEMES = ["light", "dark"] as const;

/**
 * Switches the page's colour scheme in place (dark mode is CSS alone: app/globals.css) and lands the colour
 * transitions the switch starts on their end values, which are the scheme's own: the page as a visitor who
 * loaded it in that scheme sees it. (Waiting for them instead hung now and then in a busy headless Chromium.)
 */
export async function switchColorScheme(page: Page, colorScheme: (typeof AUDIT_SCHEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await page.evaluate(() => {
    for (const a of document.getAnimations()) {
      if (!(a instanceof CSSTransition)) continue;
      try {
        a.finish();
      } catch {
        // not finishable (no longer running): nothing to land
      }
    }
  });
}
