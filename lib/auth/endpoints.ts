import "server-only";
import { Auth, setEnvDefaults } from "@auth/core";
import { getEnv } from "../env";
import { onOrigin } from "../http/on-origin";
import { nodeAuthConfig } from "./nextauth";

/**
 * Auth.js's own endpoints (`/api/auth/*`: sign-in, sign-out, callback, csrf, session, providers).
 *
 * Auth.js writes every URL it answers with (the sign-in page's `callbackUrl`, redirects after sign-in
 * and sign-out, error pages, the providers' URLs) from the origin of the request it is handed. next-auth's
 * own handlers rebuild that request on `AUTH_URL` (set from `APP_URL` by lib/env.ts), but as a
 * `NextRequest`, whose URL Next.js normalises: a loopback host (`127.0.0.1`, `[::1]`) becomes `localhost`,
 * so with `APP_URL=http://127.0.0.1:3902` Auth.js answered `callbackUrl=http://localhost:3902/account`, a
 * different origin, whose cookies the browser does not have. So Auth.js is handed a plain `Request` on
 * `APP_URL`'s origin instead (lib/http/on-origin.ts); neither the Host nor an `X-Forwarded-Host` counts.
 * Without `APP_URL` (development only: production refuses to start) the request is passed as it is.
 */
export async function authEndpoint(request: Request): Promise<Response> {
  const env = getEnv();
  const config = nodeAuthConfig();
  // What next-auth's handlers add before calling Auth.js (secret and basePath are already set).
  setEnvDefaults(process.env, config, true);
  const response = await Auth(env.APP_URL ? onOrigin(request, env.BASE_URL) : request, config);
  return withProviderNamed(request, response);
}

/**
 * Auth.js sends a failed provider callback (consent denied, a replayed or forged answer) to
 * `/sign-in?error=…` without saying which provider it was; the callback's path does
 * (`/api/auth/callback/{provider}`), so the sign-in page can name it when several are offered.
 */
function withProviderNamed(request: Request, response: Response): Response {
  const provider = /\/callback\/([a-z]+)$/.exec(new URL(request.url).pathname)?.[1];
  const location = response.headers.get("location");
  if (!provider || !location || response.status < 300 || response.status >= 400) return response;
  try {
    const url = new URL(location);
    if (url.pathname !== "/sign-in" || !url.searchParams.has("error") || url.searchParams.has("provider"))
      return response;
    url.searchParams.set("provider", provider);
    const headers = new Headers(response.headers);
    headers.set("location", url.href);
    return new Response(response.body, { status: response.status, headers });
  } catch {
    return response;
  }
}
