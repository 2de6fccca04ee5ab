import { errorResponse } from "@/lib/http/problem";
import { json, route } from "@/lib/http/route";
import { cronAuthorised, runMaintenance } from "@/lib/maintenance/cron";
import { fail } from "@/lib/result";
import { drainWebhooks } from "@/lib/webhooks/deliver-worker";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/**
 * Vercel Cron (vercel.json): sends due mail and webhook deliveries (retries have no long-lived worker there) and
 * deletes expired rows. `Authorization: Bearer $CRON_SECRET`.
 */
export const GET = route(async (request) => {
  if (!cronAuthorised(request.headers.get("authorization"))) {
    return errorResponse(fail("unauthorized", "Send the cron secret as Authorization: Bearer <CRON_SECRET>.").error);
  }
  const report = await runMaintenance();
  await drainWebhooks();
  return json({ status: "ok", ...report });
});
