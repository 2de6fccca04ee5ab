"use server";

import { signedInFormAction } from "@/lib/forms/action";
import { reauthenticate } from "@/lib/reauth/reauthenticate";

/** The passkey's answer as the prompt posts it (JSON text), or undefined when unreadable or absent. */
function passkeyAnswer(text: string): unknown {
  if (!text || text.length > 65_536) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The re-authentication prompt's form: the password, an authenticator-app code, a recovery code, or a passkey's answer
 * (JSON text); the session is fresh again.
 */
export const reauthenticateAction = signedInFormAction(
  { fields: ["password", "code", "recoveryCode", "passkey"] },
  async ({ password, code, recoveryCode, passkey }, { caller, client }) => {
    const answer = passkeyAnswer(passkey);
    const proof = passkey
      ? { passkey: answer ?? {} }
      : code
        ? { code }
        : recoveryCode
          ? { recoveryCode }
          : { password: password || undefined };
    const result = await reauthenticate(caller, proof, client);
    if (!result.ok) return result;
    return { status: "success", message: "Thank you. You can carry on." };
  },
);
