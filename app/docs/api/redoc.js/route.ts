import { readFile } from "node:fs/promises";
import path from "node:path";

/** Redoc's standalone bundle, from node_modules: the reference page loads nothing from a CDN. */
const BUNDLE = path.join(process.cwd(), "node_modules/redoc/bundles/redoc.standalone.js");
let bundle: Promise<Buffer> | undefined;

export async function GET() {
  bundle ??= readFile(BUNDLE);
  return new Response(new Uint8Array(await bundle), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
