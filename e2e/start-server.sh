#!/usr/bin/env bash
# Starts the built app for the end-to-end tests on a fresh embedded database.
set -euo pipefail
dir=$(mktemp -d /tmp/tandem-e2e.XXXXXX)
# A style's fine-tune trains 5 s, not a minute: the browser checks the flow, adaptation-fine-tune.db.test what it learns
export PORT="$1" DATA_DIR="$dir" NODE_ENV=production PERSIST_DEBOUNCE_MS=100 FINE_TUNE_SECONDS=5
unset DATABASE_URL
exec npx tsx server/index.ts
