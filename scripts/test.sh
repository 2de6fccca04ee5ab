#!/usr/bin/env bash
# `npm test`: lint-free code is checked elsewhere; this runs every test.
#  1. vitest on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set;
#  2. a production build, then Playwright in Chromium against it (fresh PGlite, log captured).
set -euo pipefail
cd "$(dirname "$0")/.."

npx vitest run

export E2E_RUN_DIR="${E2E_RUN_DIR:-$PWD/.data/e2e}"
rm -rf "$E2E_RUN_DIR"
mkdir -p "$E2E_RUN_DIR"
npx next build
npx playwright test "$@"
