import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Redoc's standalone bundle, from node_modules: the reference page loads nothing from a CDN. The one
 * address the bundle would fetch from elsewhere (Redocly's logo beside "API docs by Redocly") becomes
 * our own icon; e2e/api-docs.spec.ts fails on any request off the site. The one colour Redoc fixes that its theme
 * cannot change and dark mode cannot read (a field's pattern, dark teal) reads a CSS variable instead, which
 * app/docs/api/reference.css sets in dark mode.
 */
const BUNDLE = path.join(process.cwd(), "node_modules/redoc/bundles/redoc.standalone.js");
const CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const PATTERN_COLOUR = "color: #0e7c86;";
let bundle: Promise<string> | undefined;

export async function GET() {
  bundle ??= readFile(BUNDLE, "utf8").then((js) =>
    js.replaceAll(CDN_LOGO, "/icon.svg").replaceAll(PATTERN_COLOUR, "color: var(--redoc-pattern, #0e7c86);"),
  );
  return new Response(await bundle, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
