import { createHash, randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * What the GitHub and Google stand-ins (e2e/github-standin.mjs, e2e/google-standin.mjs) share: a consent page
 * that asks which of its people signs in (typed login, "Authorize" or "Cancel"), single-use authorization codes
 * bound to client, redirect URI, PKCE challenge and nonce, and `POST /_standin/users` to add a person for one
 * test. Loopback test servers only: nothing here is a real provider's security.
 */

/**
 * Every code and token a stand-in issues, appended to STANDIN_SECRETS_FILE (playwright.config.ts points it at the
 * run's secrets.txt) so the log audit (e2e/log-audit.spec.ts) fails if the app ever writes one to its log.
 */
export function remember(secret) {
  const file = process.env.STANDIN_SECRETS_FILE;
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, secret + "\n");
  }
  return secret;
}

export const token = () => remember(randomBytes(24).toString("base64url"));

export async function readBody(req, max = 64 * 1024) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A form or JSON body as a plain object of strings. */
export async function readParams(req) {
  const body = await readBody(req);
  if ((req.headers["content-type"] ?? "").includes("application/json")) return body ? JSON.parse(body) : {};
  return Object.fromEntries(new URLSearchParams(body));
}

export function send(res, status, body, headers = {}) {
  const json = typeof body !== "string";
  res.writeHead(status, {
    "content-type": json ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(json ? JSON.stringify(body) : body);
}

export function redirect(res, location) {
  res.writeHead(302, { location, "cache-control": "no-store" });
  res.end();
}

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** The stand-in's consent page: the authorization request's parameters ride along as hidden fields. */
export function consentPage(title, action, params, error) {
  const hidden = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width"></head><body><main><h1>${escape(title)}</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="${escape(action)}">${hidden}
<label>Login <input name="login" autocomplete="off" required></label>
<button name="decision" value="allow">Authorize</button>
<button name="decision" value="deny" formnovalidate>Cancel</button>
</form></main></body></html>`;
}

/** Single-use codes, 10 minutes. */
export function codeStore() {
  const codes = new Map();
  return {
    issue(grant) {
      const code = token();
      codes.set(code, { ...grant, expiresAt: Date.now() + 600_000 });
      return code;
    },
    /** The grant, once: a second use (a replayed callback) finds nothing. */
    take(code) {
      const grant = codes.get(code);
      codes.delete(code);
      return grant && grant.expiresAt > Date.now() ? grant : undefined;
    },
  };
}

/** RFC 7636: the verifier must hash to the challenge (S256 only; a request without a challenge has none). */
export function pkceMatches(grant, verifier) {
  if (!grant.codeChallenge) return true;
  if (grant.codeChallengeMethod !== "S256" || typeof verifier !== "string") return false;
  return createHash("sha256").update(verifier).digest("base64url") === grant.codeChallenge;
}

/** The client's id and secret from HTTP Basic or the body. */
export function clientCredentials(req, params) {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
    return {
      id: decodeURIComponent(id.replace(/\+/g, " ")),
      secret: decodeURIComponent((secret ?? "").replace(/\+/g, " ")),
    };
  }
  return { id: params.client_id, secret: params.client_secret };
}

export function bearer(req) {
  return /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
}

/** Starts `handler` on 127.0.0.1:port; the CLI form prints one line once listening. */
export async function listen(server, port) {
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return `http://127.0.0.1:${server.address().port}`;
}
