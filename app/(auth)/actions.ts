"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { BAD_CREDENTIALS } from "@/lib/auth/sign-in";
import { signIn } from "@/lib/auth/nextauth";
import { isDatabaseUnavailable } from "@/lib/db-availability";
import { safeRedirectPath } from "@/lib/auth/redirects";
import { RateLimitedSignIn } from "@/lib/auth/rate-limited-sign-in";
import { signInSchema } from "@/lib/auth/schemas";
import { formError, formFields, formValues, type FormState } from "@/lib/forms/state";
import { clientInfo } from "@/lib/http/client-info";
import { tryAgainIn } from "@/lib/security/rate-limited";
import { signUp } from "@/lib/users/sign-up";
import { signUpFormSchema } from "@/lib/users/schemas";
import { validate } from "@/lib/validation";

const SIGN_IN_FIELDS = ["login", "password"] as const;
const SIGN_UP_FIELDS = ["username", "email", "password", "confirmPassword", "displayName", "avatarUrl", "bio"] as const;

const UNAVAILABLE = "The service is not answering right now. Please try again in a moment.";

/** Opens a browser session through Auth.js; success redirects (Auth.js throws Next's redirect). */
async function startBrowserSession(login: string, password: string, redirectTo: string): Promise<FormState | never> {
  try {
    await signIn("credentials", { login, password, redirectTo });
  } catch (error) {
    if (error instanceof RateLimitedSignIn)
      return { status: "error", message: tryAgainIn(error.retryAfter), values: { login } };
    if (isDatabaseUnavailable(error)) return { status: "error", message: UNAVAILABLE, values: { login } };
    if (error instanceof AuthError) return { status: "error", message: BAD_CREDENTIALS, values: { login } };
    throw error;
  }
  return { status: "success" };
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, SIGN_IN_FIELDS);
  const parsed = validate(signInSchema, formFields(form, SIGN_IN_FIELDS));
  if (!parsed.ok) return formError(parsed.error, values);
  return startBrowserSession(parsed.value.login, parsed.value.password, safeRedirectPath(form.get("callbackUrl")));
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, SIGN_UP_FIELDS);
  const parsed = validate(signUpFormSchema, formFields(form, SIGN_UP_FIELDS));
  if (!parsed.ok) return formError(parsed.error, values);
  let registered;
  try {
    registered = await signUp(parsed.value, clientInfo(await headers()));
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { status: "error", message: UNAVAILABLE, values };
    throw error;
  }
  if (!registered.ok) return formError(registered.error, values);
  return startBrowserSession(registered.value.username, parsed.value.password, "/account");
}
