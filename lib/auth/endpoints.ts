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
  return Auth(env.APP_URL ? onOrigin(request, env.BASE_URL) : request, config);
}
