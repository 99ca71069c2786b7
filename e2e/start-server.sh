#!/usr/bin/env bash
# Starts the built app for the end-to-end tests on a fresh embedded database.
set -euo pipefail
dir=$(mktemp -d /tmp/tandem-e2e.XXXXXX)
export PORT="$1" DATA_DIR="$dir" NODE_ENV=production PERSIST_DEBOUNCE_MS=100
unset DATABASE_URL
exec npx tsx server/index.ts
