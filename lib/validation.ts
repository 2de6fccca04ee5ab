import type { z } from "zod";
import { fail, ok, type FieldErrors, type Result } from "./result";

/** Runs a zod schema and turns its issues into per-field messages (first message per field first). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fail("validation", "Some fields need attention.", { fields });
}
