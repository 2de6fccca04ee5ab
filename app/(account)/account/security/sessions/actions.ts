"use server";

import { revalidatePath } from "next/cache";
import { revokeApiKey } from "@/lib/api-keys/revoke";
import { signedInFormAction } from "@/lib/forms/action";
import { UUID_PATTERN } from "@/lib/validation";

/** "Revoke" beside an API key in "Access to your account": the key is refused from its next request. */
export const revokeApiKeyAction = signedInFormAction({ fields: ["keyId"] }, async ({ keyId }, { caller, client }) => {
  const revoked = UUID_PATTERN.test(keyId) ? await revokeApiKey(caller, keyId, client) : null;
  if (!revoked?.ok) return { status: "error", message: "API key not found." };
  revalidatePath("/account/security");
  return { status: "success", message: "API key revoked." };
});
