import type { NextRequest } from "next/server";
import { authEndpoint } from "@/lib/auth/endpoints";
import { authRouteParamsSchema } from "@/lib/auth/schemas";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Auth.js's endpoints, behind the same parameter check as every other route: a path that names no
 * Auth.js action (`/api/auth/%00`, `/api/auth/a/b/c`) is a 404 problem without reaching Auth.js, which
 * would log each one as an error.
 */
function checked(handler: (request: NextRequest) => Promise<Response>) {
  // Not route(): Auth.js answers with Response.redirect, whose headers cannot take an X-Request-Id.
  return async (request: NextRequest, context: Context) => {
    const params = await pathParams(context, authRouteParamsSchema, "There is no such sign-in endpoint.");
    return params.ok ? handler(request) : errorResponse(params.error);
  };
}

// lib/auth/endpoints.ts hands Auth.js the request on APP_URL's origin: every URL it writes is APP_URL's.
export const GET = checked(authEndpoint);
export const POST = checked(authEndpoint);
