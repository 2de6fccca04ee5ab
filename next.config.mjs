/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  // The SQL migrations are read from disk when the server starts.
  outputFileTracingIncludes: { "/**/*": ["./db/migrations/**/*"] },
};

export default nextConfig;
