import type { DomainError, FieldErrors, ProblemCode } from "../result";

/** What a server action hands back to its form: a summary, per-field messages, the typed values. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fields?: FieldErrors;
  /** What the person typed, to put back in the form. Never a password. */
  values?: Record<string, string>;
  /** A precise reason (`reauthentication_required`: the form shows the re-authentication prompt in place). */
  reason?: ProblemCode;
};

export const idle: FormState = { status: "idle" };

/** The one mapping from a domain error to a form state. */
export function formError(error: DomainError, values: Record<string, string> = {}): FormState {
  return {
    status: "error",
    message: error.message,
    fields: error.fields,
    values,
    ...(error.reason ? { reason: error.reason } : {}),
  };
}

/** Fields whose text is a secret: never put back in a form state. */
const SECRET_FIELD = /password|recoverycode/i;

/** The string values of a form, without any field whose name mentions a password or a recovery code. */
export function formValues(form: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const v = form.get(name);
    if (typeof v === "string" && !SECRET_FIELD.test(name)) values[name] = v;
  }
  return values;
}

/** Reads named fields as strings (a missing field is ""), for handing to a zod schema. */
export function formFields(form: FormData, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) out[name] = formText(form, name);
  return out;
}

/** One field as a string ("" when missing or a file). */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}
