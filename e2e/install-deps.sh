#!/usr/bin/env bash
# Checks for Node.js >= 20 and npm, and installs the suites' npm
# dependencies from the lockfile (`npm ci`) whenever it changed since the
# last install. Called by run.sh and upgrade.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v node >/dev/null || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "e2e: Node.js >= 20 is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
command -v npm >/dev/null || { echo "e2e: npm is required" >&2; exit 1; }

stamp="node_modules/.e2e-lock-sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "e2e: installing npm dependencies (npm ci)"
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
