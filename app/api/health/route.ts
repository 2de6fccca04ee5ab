import { databaseAnswers } from "@/lib/health/check";
import { problemResponse } from "@/lib/http/problem";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  if (await databaseAnswers()) return json({ status: "ok" });
  return problemResponse(503, "Service unavailable", "The database is not answering.", {
    headers: { "Retry-After": "5" },
  });
});
