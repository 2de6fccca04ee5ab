#!/usr/bin/env bash
# `npm test`: lint-free code is checked elsewhere; this runs every test.
#  1. vitest on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set; meanwhile, in the background,
#  2. a production build and its migrated PGlite template (`npm run build`; it needs nothing from the unit tests,
#     its output is shown once it is done), so every e2e server on a fresh PGlite directory starts from a copy;
#  3. then Playwright in Chromium against it (fresh PGlite, log captured).
set -euo pipefail
cd "$(dirname "$0")/.."

export E2E_RUN_DIR="${E2E_RUN_DIR:-$PWD/.data/e2e}"
rm -rf "$E2E_RUN_DIR"
mkdir -p "$E2E_RUN_DIR"

BUILD_LOG="$E2E_RUN_DIR/next-build.log"
npm run build > "$BUILD_LOG" 2>&1 &
BUILD_PID=$!

unit=0
npx vitest run || unit=$?
build=0
wait "$BUILD_PID" || build=$?
echo "--- npm run build (ran beside vitest)"
cat "$BUILD_LOG"
if [ "$unit" -ne 0 ]; then
  echo "vitest failed (exit $unit)"
  exit "$unit"
fi
if [ "$build" -ne 0 ]; then
  echo "npm run build failed (exit $build)"
  exit "$build"
fi
npx playwright test "$@"
