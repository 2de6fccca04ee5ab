import { errorResponse } from "@/lib/http/problem";
import { json, route } from "@/lib/http/route";
import { fail } from "@/lib/result";
import { getPublicProfile } from "@/lib/users/public-profile";

type Context = { params: Promise<{ username: string }> };

export const GET = route<Context>(async (_request, { params }) => {
  const profile = await getPublicProfile((await params).username);
  return profile ? json(profile) : errorResponse(fail("not_found", "There is no account with this username.").error);
});
