"use server";

import { revalidatePath } from "next/cache";
import { revokeOwnApiKey } from "@/lib/access/revoke-key";
import { signedInFormAction } from "@/lib/forms/action";

/** "Revoke" beside an API key in "Access to your account": the key is refused from its next request. */
export const revokeApiKeyAction = signedInFormAction({ fields: ["keyId"] }, async ({ keyId }, { caller }) => {
  if (!(await revokeOwnApiKey(caller.user.id, keyId))) return { status: "error", message: "API key not found." };
  revalidatePath("/account/security");
  return { status: "success", message: "API key revoked." };
});
