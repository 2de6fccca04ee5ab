/**
 * What the pages share for passkeys in the browser: one JSON call to the API (the page's own,
 * same-origin, with its session cookie) and one wording of what a WebAuthn ceremony can end in.
 */
export type ApiAnswer<T> =
  { ok: true; status: number; data: T } | { ok: false; status: number; code?: string; message: string };

const UNREACHABLE = "The service could not be reached. Check your connection and try again.";

export async function callApi<T = unknown>(
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: UNREACHABLE };
  }
  const data = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const problem = (data ?? {}) as { detail?: unknown; code?: unknown };
  return {
    ok: false,
    status: response.status,
    code: typeof problem.code === "string" ? problem.code : undefined,
    message: typeof problem.detail === "string" ? problem.detail : "Something went wrong. Try again.",
  };
}

/**
 * A ceremony that did not finish: the message to show, or null when nothing needs saying (another
 * ceremony replaced this one, as the "Sign in with a passkey" button does to the autofill request).
 */
export function ceremonyMessage(error: unknown, ceremony: "create" | "get"): string | null {
  const name = error instanceof Error ? error.name : "";
  if (name === "AbortError") return null;
  if (name === "NotAllowedError")
    return ceremony === "create"
      ? "No passkey was added: the request was cancelled or timed out."
      : "No passkey was used: the request was cancelled or timed out.";
  if (name === "InvalidStateError") return "This device already holds a passkey for your account.";
  if (name === "SecurityError")
    return "Passkeys do not work at this address. Open the site at its usual address and try again.";
  return ceremony === "create"
    ? "The passkey could not be added. Try again."
    : "The passkey could not be used. Try again.";
}
