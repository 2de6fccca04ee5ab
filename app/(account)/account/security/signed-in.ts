import "server-only";
import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth/caller";

/** The caller of a security page, or off to sign in and back to `path`. */
export async function callerOr(path: string) {
  const caller = await getCaller();
  if (!caller) redirect(`/sign-in?callbackUrl=${path}`);
  return caller;
}
