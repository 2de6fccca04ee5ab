import type { z } from "zod";
import { fail, ok, type FieldErrors, type Result } from "./result";

/** Runs a zod schema and turns its issues into per-field messages (first message per field first). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  // A Map, not an object literal: a field named "constructor" or "__proto__" must not meet Object.prototype.
  const fields = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    const messages = fields.get(key) ?? [];
    messages.push(issue.code === "unrecognized_keys" ? unknownFields(issue.keys) : issue.message);
    fields.set(key, messages);
  }
  return fail("validation", "Some fields need attention.", { fields: Object.fromEntries(fields) as FieldErrors });
}

/** A strict schema's unknown keys, named briefly: the caller chose them, so they are cut short, not echoed whole. */
function unknownFields(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : "";
  return `Unknown field${keys.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}.`;
}
