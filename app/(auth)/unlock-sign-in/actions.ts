"use server";

import { headers } from "next/headers";
import { unlockSignIn } from "@/lib/auth/lockout";
import { formText, type FormState } from "@/lib/forms/state";
import { clientInfo } from "@/lib/http/client-info";

export async function unlockSignInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await unlockSignIn(formText(form, "token"), clientInfo(await headers()));
  if (!result.ok) return { status: "error", message: result.error.message };
  return { status: "success", message: "Sign-in is unlocked: you can sign in with your password now." };
}
