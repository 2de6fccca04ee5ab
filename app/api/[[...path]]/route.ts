import { errorResponse } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { fail } from "@/lib/result";

/**
 * Every path under /api that no route handles, with any method: the API's 404 problem document
 * (`code: not_found`), not Next.js's HTML page. More specific routes always win over this catch-all.
 */
export const dynamic = "force-dynamic";

const notFound = route(async () => errorResponse(fail("not_found", "There is no such API path.").error));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
