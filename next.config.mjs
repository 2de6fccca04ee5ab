/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  // pino (on Next.js's own list too, named here so it is not forgotten) loads worker files at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  // The SQL migrations are read from disk when the server starts.
  outputFileTracingIncludes: { "/**/*": ["./db/migrations/**/*"] },
};

export default nextConfig;
