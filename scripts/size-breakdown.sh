#!/usr/bin/env bash
# Where the WebAssembly's bytes go, by part (Leptos runtime, our views, our core, std,
# serde, plotters, data, …): the table in README "Size". Not part of the test run.
#
# Builds the release wasm as Trunk does (same profile and rustflags), keeps the names
# through wasm-bindgen and `wasm-opt -Oz -g`, and sums twiggy's per-item sizes.
# Installs twiggy 0.8.0 (cargo) when missing. Usage: scripts/size-breakdown.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/setup.sh >/dev/null
command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --locked --release --target wasm32-unknown-unknown --bin quasar-fire
wasm-bindgen --target web --keep-debug --out-dir "$out" \
  target/wasm32-unknown-unknown/release/quasar-fire.wasm
wasm-opt -Oz -g "$out/quasar-fire_bg.wasm" -o "$out/named.wasm"
twiggy top -n 1000000 --format csv "$out/named.wasm" > "$out/top.csv"
python3 - "$out/top.csv" <<'PY'
import csv, sys
from collections import Counter

# First match wins; an item is named by its symbol (generic arguments included).
PARTS = [
    ("Leptos runtime (tachys, reactive_graph, leptos)", ("tachys", "reactive_graph", "leptos")),
    ("our views (src/app, the App component inlined into main)",
     ("quasar_fire::app", "quasar_fire::main", "__component")),
    ("our core (decoding, JSON API, saved state, generator)", ("quasar_fire::",)),
    ("serde + serde_json", ("serde",)),
    ("plotters", ("plotters",)),
    ("wasm-bindgen, js-sys, web-sys", ("wasm_bindgen", "js_sys", "web_sys")),
    ("float formatting (core, zmij)", ("flt2dec", "fmt::float", "zmij")),
    ("allocator", ("dlmalloc",)),
    ("core, alloc, std", ("core", "alloc", "std", "hashbrown", "indexmap")),
]
sizes, total = Counter(), 0
for row in csv.DictReader(open(sys.argv[1])):
    name, size = row["Name"], int(row["ShallowSize"])
    if "names" in name and "subsection" in name or "custom section" in name:
        continue  # the name section that -g kept: not shipped
    total += size
    if name.startswith("data segment"):
        sizes["data (strings, tables)"] += size
        continue
    part = next((p for p, keys in PARTS if any(k in name for k in keys)), "other")
    sizes[part] += size
print(f"{'part':<60}{'raw':>10}{'share':>8}")
for part, size in sizes.most_common():
    print(f"{part:<60}{size / 1000:>8.1f} kB{100 * size / total:>6.0f} %")
print(f"{'total code and data':<60}{total / 1000:>8.1f} kB")
PY
