import { apiCaller } from "@/lib/auth/bearer";
import { json, route, unauthorized } from "@/lib/http/route";

export const GET = route(async (request) => {
  const caller = await apiCaller(request);
  return caller ? json(caller.user) : unauthorized();
});
