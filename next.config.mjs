/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time; piscina starts
  // worker threads from a file path, which only works from the real package, not from a bundle.
  serverExternalPackages: ["@electric-sql/pglite", "piscina"],
  // Read from disk at run time: the SQL migrations when the server starts, the bcrypt worker (plus the
  // bcryptjs it imports) when the first password is hashed.
  outputFileTracingIncludes: {
    "/**/*": ["./db/migrations/**/*", "./workers/**/*", "./node_modules/bcryptjs/**/*"],
  },
};

export default nextConfig;
