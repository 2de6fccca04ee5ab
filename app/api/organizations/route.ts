import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { createOrganization } from "@/lib/organizations/create";
import { listMyOrganizations } from "@/lib/organizations/read";

/** GET /api/organizations — the caller's organizations with their role (a key: `organizations:read`). */
export const GET = signedInRoute(
  async (_request, caller) => json({ organizations: await listMyOrganizations(caller.user.id) }),
  { scope: "organizations:read" },
);

/** POST /api/organizations {name, slug} — a verified account creates one and becomes its owner. */
export const POST = signedInRoute(
  (request, caller) =>
    withJsonBody(request, async (body) =>
      respond(await createOrganization(caller, body, clientInfo(request.headers)), (organization) =>
        json({ organization }, 201, { Location: `/api/organizations/${organization.slug}` }),
      ),
    ),
  { scope: "organizations:write" },
);
