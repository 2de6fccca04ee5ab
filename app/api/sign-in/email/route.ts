import { requestEmailSignIn } from "@/lib/auth/email-sign-in-request";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, route, withJsonBody } from "@/lib/http/route";

/** 202 whether or not an account matches (a message with a link and a code if one does); 429 over a limit. */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await requestEmailSignIn(body, clientInfo(request.headers)), ({ message }) =>
      json({ status: "accepted", detail: message }, 202),
    ),
  ),
);
