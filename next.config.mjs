/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  // The SQL migrations are read from disk when the server starts.
  outputFileTracingIncludes: { "/**/*": ["./db/migrations/**/*"] },
  // Pages opened from emailed links carry a token in their URL: never leak it in a Referer or a cache.
  async headers() {
    const tokenPage = [
      { key: "Referrer-Policy", value: "no-referrer" },
      { key: "Cache-Control", value: "no-store" },
    ];
    return [
      { source: "/verify-email", headers: tokenPage },
      { source: "/reset-password", headers: tokenPage },
    ];
  },
};

export default nextConfig;
