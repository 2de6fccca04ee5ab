import { expect, test, type Locator, type Page } from "@playwright/test";
import { generateSync } from "otplib";
import { awayFromStepEnd, newPerson, remember, tokenFor } from "./helpers";

/**
 * Keyboard use, measured rather than looked at: a keyboard-only sign-up, sign-in and two-factor step where every
 * control that takes focus on the way shows a ring at least 2 px wide with at least 3:1 contrast against what
 * is behind it (WCAG 2.4.7 / 1.4.11), in the light and the dark colour scheme. The ring is the computed
 * outline (or, failing that, a box-shadow ring); "behind" is sampled just outside the element on each side with
 * elementsFromPoint, composited up through the ancestors' backgrounds. Also: 16 px form text on a phone (iOS
 * zooms into smaller fields) and inline links that are at least 24 px tall to tap.
 */

type Ring = { control: string; width: number; contrast: number; colour: string; behind: string };

/** The focused element's ring and its worst contrast against the surface around it. */
async function focusRing(page: Page): Promise<Ring> {
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    // Any CSS colour (rgb, oklch, color-mix…) to 8-bit sRGB, by painting it.
    const rgba = (css: string): RGBA => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "#000";
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: RGBA, bottom: RGBA): RGBA => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as RGBA;
    };
    const background = (from: Element | null): RGBA => {
      const layers: RGBA[] = [];
      for (let n = from; n; n = n.parentElement) {
        const c = rgba(getComputedStyle(n).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reduceRight<RGBA>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]: RGBA) =>
      [r, g, b]
        .map((v) => v / 255)
        .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const contrast = (a: RGBA, b: RGBA) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const show = (c: RGBA) => `rgb(${c.slice(0, 3).join(" ")})`;

    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const name =
      el.getAttribute("aria-label") ||
      (el as HTMLInputElement).labels?.[0]?.textContent ||
      el.textContent?.trim().slice(0, 40) ||
      el.getAttribute("name") ||
      "";
    const type = el.getAttribute("type") ? ` type=${el.getAttribute("type")}` : "";
    const control = `<${el.tagName.toLowerCase()}${type}> "${name}"`;
    let width = 0;
    let colour = "transparent";
    let reach = 0; // how far outside the border box the ring's middle lies
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) {
      width = parseFloat(style.outlineWidth);
      colour = style.outlineColor;
      reach = parseFloat(style.outlineOffset) + width / 2;
    } else {
      // A ring drawn as a box-shadow: "<colour> 0px 0px 0px <spread>", the widest one that is not blurred.
      for (const m of style.boxShadow.matchAll(
        /(rgba?\([^)]*\)|oklch\([^)]*\)|#\w+) (-?[\d.]+)px (-?[\d.]+)px ([\d.]+)px ([\d.]+)px(?! inset)/g,
      )) {
        const spread = parseFloat(m[5]!);
        if (parseFloat(m[4]!) === 0 && spread > width) [width, colour, reach] = [spread, m[1]!, spread / 2];
      }
    }
    if (width === 0) return { control, width, contrast: 1, colour, behind: "" };
    const rect = el.getBoundingClientRect();
    const [cx, cy] = [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2];
    const points = [
      [cx, rect.top - reach],
      [cx, rect.bottom + reach],
      [rect.left - reach, cy],
      [rect.right + reach, cy],
    ].filter(([x, y]) => x! >= 0 && y! >= 0 && x! < innerWidth && y! < innerHeight);
    let worst = Infinity;
    let behind = "";
    for (const [x, y] of points) {
      const under = document.elementsFromPoint(x!, y!).find((n) => n !== el && !el.contains(n)) ?? document.body;
      const bg = background(under);
      const ring = over(rgba(colour), bg);
      const c = contrast(ring, bg);
      if (c < worst) [worst, behind] = [c, show(bg)];
    }
    return { control, width, contrast: Math.round(worst * 100) / 100, colour: show(rgba(colour)), behind };
  });
}

/** Presses Tab until `target` has focus, measuring every control focused on the way (the target included). */
async function tabTo(page: Page, target: Locator, rings: Ring[], max = 40) {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement === document.body)) continue; // past the end: round again
    rings.push(await focusRing(page));
    if (await handle!.evaluate((e) => e === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Tabs through every control of the page once, from the top, measuring each. */
async function tabThrough(page: Page, rings: Ring[], max = 150) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return "";
      (el as HTMLElement).dataset.focusSeen ??= String(Math.random());
      return (el as HTMLElement).dataset.focusSeen!;
    });
    if (!id || seen.has(id)) return;
    seen.add(id);
    rings.push(await focusRing(page));
  }
}

function expectVisibleRings(rings: Ring[], where: string) {
  expect(rings.length, `controls focused on ${where}`).toBeGreaterThan(0);
  for (const r of rings) {
    const what = `${where}: ${r.control} (ring ${r.colour} on ${r.behind})`;
    expect.soft(r.width, `${what} has a focus ring`).toBeGreaterThanOrEqual(2);
    expect.soft(r.contrast, `${what} contrast`).toBeGreaterThanOrEqual(3);
  }
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`keyboard only (${colorScheme}): sign up, sign in, the two-factor step, every focus ring at 3:1`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const person = newPerson("kbd");

    // Sign up: every control of the page, then the form by keyboard alone.
    await page.goto("/sign-up");
    let rings: Ring[] = [];
    await tabThrough(page, rings);
    expectVisibleRings(rings, "/sign-up");
    rings = [];
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, page.getByLabel("Username", { exact: true }), rings);
    await page.keyboard.type(person.username);
    await tabTo(page, page.getByLabel("Email", { exact: true }), rings);
    await page.keyboard.type(person.email);
    await tabTo(page, page.getByLabel("Password", { exact: true }), rings);
    await page.keyboard.type(person.password);
    await tabTo(page, page.getByLabel("Confirm password", { exact: true }), rings);
    await page.keyboard.type(person.password);
    await tabTo(page, page.getByRole("button", { name: "Create account" }), rings);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account/, { timeout: 30_000 });
    expectVisibleRings(rings, "the sign-up form");

    // Signed in: every control of the account and security pages.
    for (const path of ["/account", "/account/security"]) {
      await page.goto(path);
      rings = [];
      await tabThrough(page, rings);
      expectVisibleRings(rings, path);
    }

    // Two-factor on (through the API, as an authenticator app would be set up), then sign in by keyboard.
    const token = await tokenFor(request, person.username, person.password);
    const headers = { Authorization: `Bearer ${token}` };
    const { secret } = await (await request.post("/api/users/me/totp", { headers })).json();
    remember(secret);
    const codeAt = (steps: number) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
    await awayFromStepEnd();
    expect((await request.post("/api/users/me/totp/confirm", { headers, data: { code: codeAt(-1) } })).ok()).toBe(true);
    await page.context().clearCookies();

    await page.goto("/sign-in");
    rings = [];
    await tabThrough(page, rings);
    expectVisibleRings(rings, "/sign-in");
    rings = [];
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, page.getByLabel("Username or email"), rings);
    await page.keyboard.type(person.username);
    await tabTo(page, page.getByLabel("Password", { exact: true }), rings);
    await page.keyboard.type(person.password);
    await tabTo(page, page.getByRole("button", { name: "Sign in", exact: true }), rings);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/sign-in\/two-factor/, { timeout: 30_000 });
    expectVisibleRings(rings, "the sign-in form");

    // The code field has focus on arrival; the rest of the page by Tab, then the code and Enter.
    const code = page.getByLabel(/6-digit code/);
    await expect(code).toBeFocused();
    rings = [await focusRing(page)];
    await tabThrough(page, rings);
    expectVisibleRings(rings, "/sign-in/two-factor");
    rings = [];
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, code, rings);
    await page.keyboard.type(codeAt(0));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account/, { timeout: 30_000 });
    expectVisibleRings(rings, "the two-factor form");
  });
}

test("form text is 16 px on a phone (no iOS zoom) and 14 px from the small breakpoint", async ({ page }) => {
  for (const [width, size] of [
    [375, "16px"],
    [1280, "14px"],
  ] as const) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ["/sign-up", "/sign-in", "/forgot-password"]) {
      await page.goto(path);
      await page
        .locator("summary")
        .first()
        .click({ timeout: 1_000 })
        .catch(() => undefined); // optional fields
      const sizes = await page
        .locator("main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, main textarea")
        .evaluateAll((els) => els.map((e) => `${e.getAttribute("name")}: ${getComputedStyle(e).fontSize}`));
      expect(sizes.length, path).toBeGreaterThan(0);
      for (const s of sizes) expect.soft(s, `${path} at ${width} px`).toMatch(new RegExp(`: ${size}$`));
    }
  }
});

test("inline links are at least 24 px tall to tap on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ["/", "/sign-in", "/sign-up", "/forgot-password"]) {
    await page.goto(path);
    // Every visible link (the skip link, 1 px until focused, is not a tap target).
    const boxes = await page.locator("a:visible:not(.sr-only)").evaluateAll((links) =>
      links.map((a) => {
        const r = a.getBoundingClientRect();
        return { link: a.textContent?.trim() || a.getAttribute("href"), height: r.height, width: r.width };
      }),
    );
    expect(boxes.length, path).toBeGreaterThan(0);
    for (const b of boxes) {
      expect.soft(b.height, `${path}: "${b.link}" height`).toBeGreaterThanOrEqual(24);
      expect.soft(b.width, `${path}: "${b.link}" width`).toBeGreaterThanOrEqual(24);
    }
  }
});
