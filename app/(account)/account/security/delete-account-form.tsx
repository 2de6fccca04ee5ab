import { getCaller } from "@/lib/auth/caller";
import { DeleteAccountDialog } from "./delete-account-dialog";

/** "Delete account": the button and its dialog, which asks for the password and the typed username. */
export async function DeleteAccountForm() {
  const caller = await getCaller();
  if (!caller) return null;
  const { username, hasPassword, twoFactor } = caller.user;
  return <DeleteAccountDialog username={username} hasPassword={hasPassword} totp={twoFactor.totp} />;
}
