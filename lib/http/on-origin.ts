/**
 * `request` with its path and query moved onto `base`'s origin: the same method, headers and body (streamed,
 * not read). For code that builds URLs from the request it is handed (Auth.js, lib/auth/endpoints.ts), so
 * they come from `APP_URL` and never from the Host or X-Forwarded-Host a client sent. A plain `Request`, not
 * Next.js's `NextRequest`, whose URL type rewrites a loopback host (`127.0.0.1`, `[::1]`) to `localhost`.
 */
export function onOrigin(request: Request, base: string): Request {
  const from = new URL(request.url);
  const url = new URL(from.pathname + from.search, new URL(base).origin);
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(hasBody ? { body: request.body, duplex: "half" } : {}),
  } as RequestInit);
}
