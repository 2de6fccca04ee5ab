import { requireScope } from "@/lib/api-keys/refuse";
import { apiCaller } from "@/lib/auth/bearer";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, route } from "@/lib/http/route";
import { fail } from "@/lib/result";
import { getPublicProfile } from "@/lib/users/public-profile";
import { usernameParamsSchema } from "@/lib/users/schemas";

type Context = { params: Promise<{ username: string }> };

const NOT_FOUND = "There is no account with this username.";

/**
 * GET /api/users/{username} — anyone: the public profile with its followers, following and posts counts; a
 * signed-in caller (a bearer token; an API key needs `profile:read`) also learns `followedByYou`.
 */
export const GET = route<Context>(async (request, context) => {
  const params = await pathParams(context, usernameParamsSchema, NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  const caller = await apiCaller(request);
  const viewer = caller && requireScope(caller, "profile:read").ok ? caller.user.id : null;
  const profile = await getPublicProfile(params.value.username, viewer);
  return profile ? json(profile) : errorResponse(fail("not_found", NOT_FOUND).error);
});
