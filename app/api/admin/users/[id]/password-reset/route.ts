import { sendResetAsAdmin } from "@/lib/admin/manage";
import { adminUserRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { respond } from "@/lib/http/route";

export const POST = adminUserRoute(async (request, admin, id) =>
  respond(await sendResetAsAdmin(admin, id, clientInfo(request.headers)), () => new Response(null, { status: 202 })),
);
