#!/usr/bin/env bash
# Serve the app at http://127.0.0.1:8080 with live reload. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# A dist of its own: the release build in dist/ (what the e2e tests serve) stays intact.
exec trunk serve --dist target/dev-dist "$@"
