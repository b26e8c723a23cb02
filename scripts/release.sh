#!/usr/bin/env bash
# The production build: `trunk build --release` (content-hashed files, SRI, minified
# HTML), then e2e/harden.mjs (minified glue, the inline loader moved into a hashed
# file so the CSP needs no 'unsafe-inline'), e2e/precompress.mjs (the .wasm also as
# .br and .gz, served by deploy/wasm-encoding.js), then the size budget check.
# Usage: scripts/release.sh [--public-url /sub/path/] [--dist DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

public_url=/
dist=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --public-url) public_url="$2"; shift 2 ;;
    --dist) dist="$2"; shift 2 ;;
    *) echo "usage: $0 [--public-url /sub/path/] [--dist DIR]" >&2; exit 2 ;;
  esac
done

trunk build --release --minify --public-url "$public_url" --dist "$dist"
node e2e/harden.mjs "$dist"
node e2e/precompress.mjs "$dist"
node e2e/budget.mjs "$dist"
