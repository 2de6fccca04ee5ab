import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, route } from "@/lib/http/route";
import { fail } from "@/lib/result";
import { getPublicProfile } from "@/lib/users/public-profile";
import { usernameParamsSchema } from "@/lib/users/schemas";

type Context = { params: Promise<{ username: string }> };

const NOT_FOUND = "There is no account with this username.";

export const GET = route<Context>(async (_request, context) => {
  const params = await pathParams(context, usernameParamsSchema, NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  const profile = await getPublicProfile(params.value.username);
  return profile ? json(profile) : errorResponse(fail("not_found", NOT_FOUND).error);
});
