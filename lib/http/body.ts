import type { FieldErrors } from "../result";

export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; detail: string; errors?: FieldErrors };

const NOT_UNICODE = "This holds text that is not valid Unicode.";

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * Reads a JSON object body: 415 unless it says application/json, 413 past 64 KiB (counted while
 * streaming, so a huge body is cut off early), 400 when it does not parse or is not an object.
 */
export async function readJsonBody(request: Request): Promise<BodyResult> {
  if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) {
    return { ok: false, status: 415, detail: "Send the body as JSON with Content-Type: application/json." };
  }
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return tooLarge();
  if (!request.body) return { ok: false, status: 400, detail: "The request body is empty." };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    return { ok: false, status: 400, detail: "The request body is not valid JSON." };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, status: 400, detail: "The request body must be a JSON object." };
  }
  const value = parsed as Record<string, unknown>;
  const illFormed = illFormedFields(value);
  if (illFormed.length) {
    return {
      ok: false,
      status: 400,
      detail: "The request body holds text that is not valid Unicode.",
      errors: Object.fromEntries(illFormed.map((field) => [field, [NOT_UNICODE]])),
    };
  }
  return { ok: true, value };
}

/**
 * The top-level fields whose value holds a string or key that is not well-formed UTF-16: the bytes
 * were valid UTF-8, but a JSON escape (`"\udc5b"`) can still make a lone surrogate. PGlite refuses one
 * in a query (a 500), PostgreSQL's driver turns it into U+FFFD (two different passwords would hash
 * alike), so no such text gets past the body. A key that is itself ill-formed is reported as "_".
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
function illFormedFields(body: Record<string, unknown>): string[] {
  const fields = new Set<string>();
  for (const [key, top] of Object.entries(body)) {
    if (!key.isWellFormed()) {
      fields.add("_");
      continue;
    }
    const stack: unknown[] = [top];
    while (stack.length) {
      const value = stack.pop();
      if (typeof value === "string") {
        if (!value.isWellFormed()) {
          fields.add(key);
          break;
        }
      } else if (Array.isArray(value)) for (const item of value) stack.push(item);
      else if (value !== null && typeof value === "object") {
        const entries = Object.entries(value);
        if (entries.some(([k]) => !k.isWellFormed())) {
          fields.add(key);
          break;
        }
        for (const [, v] of entries) stack.push(v);
      }
    }
  }
  return [...fields];
}

function tooLarge(): BodyResult {
  return { ok: false, status: 413, detail: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.` };
}
