export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415; detail: string };

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
  return { ok: true, value: parsed as Record<string, unknown> };
}

function tooLarge(): BodyResult {
  return { ok: false, status: 413, detail: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.` };
}
