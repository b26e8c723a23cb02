#!/usr/bin/env bash
# Install what building and testing Quasar Fire needs, at pinned versions, skipping
# whatever is already there. Usage: scripts/setup.sh [--browser]
#   --browser  also Chromium + ChromeDriver (Debian) and the npm test packages.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The CLI must match the wasm-bindgen crate exactly; Cargo.toml pins it with "=".
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (10-18 minutes of compiling on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # Not --locked: its lock file names a webpki-roots release the registry doesn't serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# binaryen's wasm-opt (Debian's is too old for rustc 1.95) and the e2e packages.
if ! npm ls --prefix e2e >/dev/null 2>&1; then
  say "installing npm packages from e2e/package-lock.json"
  npm ci --prefix e2e --no-audit --no-fund
fi

# Python tools for the deployment and its tests (deploy/requirements.txt, pinned).
if ! .tools/venv/bin/python - <<'PY' >/dev/null 2>&1
import importlib.metadata as m, pathlib, sys
for line in pathlib.Path("deploy/requirements.txt").read_text().splitlines():
    line = line.split("#")[0].strip()
    if line:
        name, version = line.split("==")
        if m.version(name.split("[")[0]) != version:
            sys.exit(1)
PY
then
  say "installing the deployment tools from deploy/requirements.txt into .tools/venv"
  python3 -m venv .tools/venv 2>/dev/null || {
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    python3 -m venv .tools/venv
  }
  .tools/venv/bin/pip install -q --disable-pip-version-check -r deploy/requirements.txt
fi

if [ "${1:-}" = "--browser" ]; then
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
fi
