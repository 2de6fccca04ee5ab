import { FIX_FIELDS } from "../messages";
import { PASSWORDS_DIFFER } from "../users/schemas";
import { formText, type FormState } from "./state";

/**
 * A form's "new password" and its confirmation differ: the field error to show, before anything is
 * hashed. Null when they match. (Not in state.ts, which client components import: this pulls in the
 * password rules.)
 */
export function newPasswordMismatch(form: FormData): FormState | null {
  if (formText(form, "newPassword") === formText(form, "confirmPassword")) return null;
  return { status: "error", message: FIX_FIELDS, fields: { confirmPassword: [PASSWORDS_DIFFER] } };
}
