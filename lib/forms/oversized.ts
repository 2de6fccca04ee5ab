import { FIX_FIELDS } from "../messages";
import type { FormState } from "./state";

/**
 * Next.js refuses a server action body over 1 MB before our code runs, and the browser would see an
 * error page. So the form checks in the browser first: a field this long could never be valid
 * (the server's own caps are far lower), and is answered like any field error, without a request.
 * The server still enforces its limits; this only makes the answer clear.
 */
export const FORM_FIELD_MAX_CHARS = 16 * 1024;

export function oversizedFieldsState(form: FormData, keep: readonly string[]): FormState | null {
  const fields: Record<string, string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && value.length > FORM_FIELD_MAX_CHARS) fields[name] = ["This is far too long."];
  }
  if (Object.keys(fields).length === 0) return null;
  const values: Record<string, string> = {};
  for (const name of keep) {
    const v = form.get(name);
    if (typeof v === "string" && !/password/i.test(name) && !fields[name]) values[name] = v;
  }
  return { status: "error", message: FIX_FIELDS, fields, values };
}

/** Wraps a form's server action with the check above. */
export function guardOversized<A extends (prev: FormState, form: FormData) => Promise<FormState>>(
  action: A,
  keep: readonly string[],
) {
  return async (prev: FormState, form: FormData): Promise<FormState> =>
    oversizedFieldsState(form, keep) ?? action(prev, form);
}
