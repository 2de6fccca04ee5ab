import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { json, respond } from "@/lib/http/route";
import { sendVerification } from "@/lib/verification/send";

/** Resends the verification link to the account's own address (at most one a minute). */
export const POST = authenticatedRoute(async (_request, caller) =>
  respond(await sendVerification(caller.user.id), () => json({ status: "accepted" }, 202)),
);
