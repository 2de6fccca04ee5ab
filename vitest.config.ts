import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * lib/, db/ and scripts/ tests run against real databases: PGlite always; PostgreSQL as a second project when
 * TEST_DATABASE_URL is set. Each test file gets its own fresh database (vitest/setup-db.ts), a copy of
 * one migrated template made once per run (vitest/global-setup.ts).
 */
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "vitest/server-only.ts"),
};
const shared = {
  include: ["{lib,db,scripts}/**/*.test.ts"],
  // One migrated database per run and project, which each file's own database starts from.
  globalSetup: ["vitest/global-setup.ts"],
  setupFiles: ["vitest/setup-db.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // next-auth's ESM imports `next/server` without an extension, which Node's resolver refuses (Next.js's
  // bundler accepts it): let Vite resolve next-auth's imports, so a test can call Auth.js as the app does.
  server: { deps: { inline: ["next-auth"] } },
};

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl) {
  console.warn("\n[vitest] TEST_DATABASE_URL is not set: PostgreSQL tests are SKIPPED; running on PGlite only.\n");
}

export default defineConfig({
  resolve: { alias },
  test: {
    // A worker per core: vitest's default of one fewer left one worker on CI's 2 cores, and a test file
    // spends much of its time waiting (on the PGlite thread, on PostgreSQL, on timers). Each file still
    // has a database of its own.
    maxWorkers: availableParallelism(),
    // Each file in a fresh worker thread rather than a child process (vitest's default). The PGlite project ran
    // 8–16% faster (224 and 226 s against 244 and 269 s, in turns on 2 cores: less time in each file's set-up,
    // imports and tests); the PostgreSQL project the same (~150 s either way); the whole run 387 s against 418 s.
    // On CI, beside the production build, it is within the drift (BENCHMARKS.md, "CI, round 4").
    pool: "threads",
    projects: [
      {
        resolve: { alias },
        test: {
          ...shared,
          name: "pglite",
          env: { TEST_DB: "pglite", BCRYPT_COST: "4", LOG_LEVEL: "warn", BCRYPT_THREADS: "2" },
        },
      },
      ...(postgresUrl
        ? [
            {
              resolve: { alias },
              test: {
                ...shared,
                name: "postgres",
                env: { TEST_DB: "postgres", BCRYPT_COST: "4", LOG_LEVEL: "warn", BCRYPT_THREADS: "2" },
              },
            },
          ]
        : []),
    ],
  },
});
