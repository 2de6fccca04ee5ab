import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Redoc's standalone bundle, from node_modules: the reference page loads nothing from a CDN. The one
 * address the bundle would fetch from elsewhere (Redocly's logo beside "API docs by Redocly") becomes
 * our own icon; e2e/api-docs.spec.ts fails on any request off the site.
 */
const BUNDLE = path.join(process.cwd(), "node_modules/redoc/bundles/redoc.standalone.js");
const CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
let bundle: Promise<string> | undefined;

export async function GET() {
  bundle ??= readFile(BUNDLE, "utf8").then((js) => js.replaceAll(CDN_LOGO, "/icon.svg"));
  return new Response(await bundle, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
