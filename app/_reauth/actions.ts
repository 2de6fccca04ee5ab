"use server";

import { signedInFormAction } from "@/lib/forms/action";
import { reauthenticate } from "@/lib/security/reauthenticate";

/** The re-authentication prompt's form: the password or an authenticator-app code; the session is fresh again. */
export const reauthenticateAction = signedInFormAction(
  { fields: ["password", "code"] },
  async ({ password, code }, { caller, client }) => {
    const result = await reauthenticate(caller, code ? { code } : { password: password || undefined }, client);
    if (!result.ok) return result;
    return { status: "success", message: "Thank you. You can carry on." };
  },
);
