#!/usr/bin/env bash
# Run every check and test: formatting, clippy (host and wasm32), host tests (unit,
# SPEC vectors, properties, accuracy, CLI), browser tests (wasm-bindgen-test in
# headless Chromium), the hardened release build and its size budget, the end-to-end
# tests against it (production headers and CSP), and the deployment (cfn-lint on the
# CloudFormation template, deploy.py against a local S3 + CloudFront emulator).
# Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "clippy (host)"
cargo clippy --all-targets --locked -- -D warnings
step "clippy (wasm32)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "host tests"
cargo test --locked

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=30 \
  cargo test --locked --target wasm32-unknown-unknown --test web

step "release build (hardened for the CSP) and its size budget"
scripts/release.sh
step "release build under a sub-path (/quasar-fire/)"
scripts/release.sh --public-url /quasar-fire/ --dist dist-subpath

step "end-to-end tests (Playwright + Chromium, release build on 127.0.0.1)"
(cd e2e && node --test --test-concurrency=1 tests/)

step "deployment: cfn-lint on the template"
.tools/venv/bin/cfn-lint deploy/quasar-fire.yaml

step "deployment: template vs headers, deploy.py against moto's S3 + CloudFront"
.tools/venv/bin/python deploy/test_deploy.py
