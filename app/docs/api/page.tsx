import type { Metadata } from "next";
import { headers } from "next/headers";
import "./reference.css";

export const metadata: Metadata = { title: "API reference" };

const LOADING = '<p class="px-4 py-6 text-slate-600">Loading the reference…</p>';

/**
 * The API reference: Redoc (served from our own build, app/docs/api/redoc.js) renders
 * /api/openapi.json. The one script carries the request's CSP nonce and hands it on to Redoc's bundle
 * and its <style> elements (app/docs/api/reference.js), so the page's CSP needs no 'unsafe-inline' or
 * 'unsafe-eval'.
 */
export default async function ApiReferencePage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <div className="-mx-4 -my-10 sm:-my-16">
      <div className="mx-auto max-w-3xl px-4 pt-10">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">API reference</h1>
        <p className="mt-2 text-slate-600">
          Every route of the JSON API, generated from the schemas that validate it. The machine-readable document is{" "}
          <a className="text-brand-700 underline" href="/api/openapi.json">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </div>
      {/* Redoc owns this element's children: React leaves inner HTML it did not write alone. */}
      <div id="redoc" data-spec="/api/openapi.json" dangerouslySetInnerHTML={{ __html: LOADING }} />
      <script defer nonce={nonce} src="/docs/api/reference.js" />
    </div>
  );
}
