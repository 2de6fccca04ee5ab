import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";

/**
 * The one registry of documented routes. Each lib/openapi/paths/*.ts file registers the routes of one
 * app/api folder; document.ts imports them all. A route handler with no registerPath here fails
 * lib/openapi/coverage.test.ts.
 */
export const registry = new OpenAPIRegistry();

export const bearerAuth = registry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description:
    "The token from `POST /api/sessions`, or an API key (`acc_…`, from `POST /api/users/me/api-keys`), sent as " +
    "`Authorization: Bearer <token>`. A key reaches only the routes its scopes name (`profile:read`, " +
    "`profile:write`, `posts:read`, `posts:write`); elsewhere it is 403 `code: insufficient_scope`.",
});

/** The operator's secret for scheduled jobs (Vercel Cron sends it), not a user's token. */
export const cronSecret = registry.registerComponent("securitySchemes", "cronSecret", {
  type: "http",
  scheme: "bearer",
  description: "`CRON_SECRET`, sent as `Authorization: Bearer <CRON_SECRET>` (Vercel Cron does this).",
});

/** `security` of an operation that needs a bearer token. */
export const needsToken = [{ [bearerAuth.name]: [] }];

/** `security` of an operation anyone may call (said outright, so a forgotten `security` is a lint error). */
export const noToken: typeof needsToken = [];

/** The browser's Auth.js session cookie: accepted only by the routes the pages call themselves, never cross-site. */
export const browserSession = registry.registerComponent("securitySchemes", "browserSession", {
  type: "apiKey",
  in: "cookie",
  name: "accounts.session",
  description:
    "The signed-in browser's session cookie (`__Secure-accounts.session` over https), never accepted on a request " +
    "another site made (an `Origin` must name this site; `Sec-Fetch-Site: cross-site` is refused). Programs use the bearer token.",
});

/** `security` of an operation that takes a bearer token, or the page's own same-origin call with its cookie. */
export const tokenOrBrowser = [{ [bearerAuth.name]: [] }, { [browserSession.name]: [] }];
