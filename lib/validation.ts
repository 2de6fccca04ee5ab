import { z } from "zod";
import { fail, ok, type FieldErrors, type Result } from "./result";
import { FIX_FIELDS } from "./messages";

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
  return fail("validation", FIX_FIELDS, { fields: Object.fromEntries(fields) as FieldErrors });
}

/** A strict schema's unknown keys, named briefly: the caller chose them, so they are cut short, not echoed whole. */
function unknownFields(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : "";
  return `Unknown field${keys.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}.`;
}

// Text hygiene, shared by every schema that takes a person's text.
/**
 * Control characters (C0, DEL, C1): never part of a name, an address or a profile. NUL in particular
 * is refused by PostgreSQL's text type, so before this check it was a 500. The bio keeps newline and tab.
 */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
export const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
/** Bidirectional overrides and isolates: they make a name read differently from what it is. */
export const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;
export const NO_CONTROL = "Remove the control characters (such as NUL or line breaks).";
export const NO_BIDI = "Remove the text-direction control characters.";

/** Characters as a person counts them (code points, so an emoji is one): a form's live count is the same. */
export const charCount = (s: string) => [...s].length;

/**
 * One line of a person's text (a post's title, a passkey's name): capped at 4× `max` before anything
 * runs, so oversized input costs nothing; no control or text-direction characters; trimmed; 1 to `max`
 * characters. `notText` answers a value that is not a string at all.
 */
export const singleLineText = (max: number, empty: string, notText = empty) =>
  z
    .string({ error: notText })
    .max(max * 4, "This is far too long.")
    .refine((s) => !CONTROL.test(s), NO_CONTROL)
    .refine((s) => !BIDI.test(s), NO_BIDI)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, empty)
    .refine((s) => charCount(s) <= max, `Use at most ${max} characters.`);

/**
 * A UUID, in either case, as ECMA-262 source without flags: the OpenAPI document carries the pattern as it is
 * written here, and a JSON Schema pattern has no `/i` (one that leaked in as `…$/i` matched nothing).
 */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
