import { databaseAnswers } from "@/lib/health/check";
import { errorResponse } from "@/lib/http/problem";
import { databaseUnavailable, json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  if (await databaseAnswers()) return json({ status: "ok" });
  return errorResponse(databaseUnavailable("The database is not answering.").error);
});
