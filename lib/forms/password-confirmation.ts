import type { FieldErrors } from "../result";
import { PASSWORDS_DIFFER } from "../users/schemas";
import { formText } from "./state";

/**
 * A form's "new password" and its confirmation differ: the field error to report with the rest of the
 * form's problems (lib/account/change-password.ts, lib/password-reset/confirm.ts take it as
 * `formProblems`), so nothing is changed and everything is said in one answer. Empty when they match.
 * (Not in state.ts, which client components import: this pulls in the password rules.)
 */
export function confirmationProblems(form: FormData): FieldErrors {
  if (formText(form, "newPassword") === formText(form, "confirmPassword")) return {};
  return { confirmPassword: [PASSWORDS_DIFFER] };
}
