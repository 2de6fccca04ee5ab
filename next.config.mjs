import { API_CSP, FIXED_SECURITY_HEADERS } from "./lib/http/static-headers.mjs";

/**
 * Security headers for JSON answers. proxy.ts sets them (with a CSP nonce) for pages only: a proxy
 * makes Next.js buffer the whole request body (up to 10 MB) before the route runs, which would defeat
 * the API's streamed 64 KiB body cap.
 */
export const API_SECURITY_HEADERS = { "Content-Security-Policy": API_CSP, ...FIXED_SECURITY_HEADERS };

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // CI type-checks with `npm run typecheck` beside lint before `npm test` builds, and sets this so the build
  // does not check the same code a second time (~25 s of a 2-core run). Everyone else's build checks types.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  experimental: {
    // Next.js loads every route's server bundle at start by default; a route's bundle is loaded on its
    // first request instead (BENCHMARKS.md, memory: lower RSS at rest, faster cold start).
    preloadEntriesOnStart: false,
  },
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
  // PGlite loads its WebAssembly and data files from its own package folder at run time; piscina starts
  // worker threads from a file path, which only works from the real package, not from a bundle; pino
  // (on Next.js's own list too, named here so it is not forgotten) loads worker files at run time.
  serverExternalPackages: ["@electric-sql/pglite", "piscina", "pino"],
  // Read from disk at run time: the SQL migrations and the PGlite thread when the server starts, the
  // bcrypt worker (plus the bcryptjs it imports) when the first password is hashed.
  outputFileTracingIncludes: {
    "/**/*": ["./db/migrations/**/*", "./db/pglite-*.mjs", "./workers/**/*", "./node_modules/bcryptjs/**/*"],
  },
};

export default nextConfig;
