import { errorResponse } from "@/lib/http/problem";
import { json, route } from "@/lib/http/route";
import { cronAuthorised, runMaintenance } from "@/lib/maintenance/cron";
import { fail } from "@/lib/result";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Vercel Cron (vercel.json): sends due mail and deletes expired rows. `Authorization: Bearer $CRON_SECRET`. */
export const GET = route(async (request) => {
  if (!cronAuthorised(request.headers.get("authorization"))) {
    return errorResponse(fail("unauthorized", "Send the cron secret as Authorization: Bearer <CRON_SECRET>.").error);
  }
  return json({ status: "ok", ...(await runMaintenance()) });
});
