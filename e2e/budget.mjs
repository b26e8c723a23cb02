// Size budget of a release build: every file's raw, gzip (level 9) and brotli (level
// 11) size, the page's total transfer, and a check against the budgets.
//
// Two numbers per budget: the target the product aims for (issue 5: the WASM ≤ 100 kB
// gzip, everything ≤ 120 kB gzip) and the ceiling this commit enforces. A build over
// a ceiling fails; a build over a target is reported as a miss. Ceilings only move
// down, or up in a commit that says which feature paid for the bytes.
//
// Usage: node e2e/budget.mjs <dist> [--json]     (1 kB = 1000 bytes; gzip is GNU gzip -9)
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** gzip -9: GNU gzip, the reference (Node's zlib comes out ~3% larger). */
export function gzip(body) {
  const run = spawnSync('gzip', ['-9', '-n', '-c'], { input: body, maxBuffer: 1 << 30 });
  return run.status === 0 ? run.stdout : gzipSync(body, { level: 9 });
}

/** Brotli at quality 11, the densest. */
export function brotli(body) {
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

// Ceilings as of the JSON panel, split flow, persistence/share links and generator
// (issue 4), which took the WASM from 136 kB to 224 kB gzip, lowered after Leptos'
// `erase_components` (219 kB); see README "Size".
export const BUDGETS = {
  wasm: { target: 100_000, ceiling: 225_000 },
  total: { target: 120_000, ceiling: 235_000 },
};

/** Every file under `dir` with its raw, gzip and brotli sizes, largest first. */
export async function measure(dir) {
  const files = [];
  async function walk(d) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      // name.wasm.br / .gz (e2e/precompress.mjs) are other encodings of a file counted here.
      else if (/\.(br|gz)$/.test(entry.name)) continue;
      else {
        const body = await readFile(path);
        files.push({
          file: relative(dir, path),
          raw: body.length,
          gzip: gzip(body).length,
          brotli: brotli(body).length,
        });
      }
    }
  }
  await walk(dir);
  files.sort((a, b) => b.gzip - a.gzip);
  const sum = (k, list = files) => list.reduce((s, f) => s + f[k], 0);
  const wasm = files.filter((f) => f.file.endsWith('.wasm'));
  return {
    files,
    total: { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') },
    wasm: { raw: sum('raw', wasm), gzip: sum('gzip', wasm), brotli: sum('brotli', wasm) },
  };
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`.padStart(10);

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  const m = await measure(dist);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(m, null, 2));
    process.exit(0);
  }
  console.log(`${'file'.padEnd(48)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
  for (const f of m.files) console.log(`${f.file.padEnd(48)}${kb(f.raw)}${kb(f.gzip)}${kb(f.brotli)}`);
  console.log(`${'total'.padEnd(48)}${kb(m.total.raw)}${kb(m.total.gzip)}${kb(m.total.brotli)}`);
  let over = false;
  for (const [name, { target, ceiling }] of Object.entries(BUDGETS)) {
    const got = m[name].gzip;
    const verdict = got > ceiling ? 'OVER CEILING' : got > target ? 'target missed' : 'ok';
    console.log(`budget ${name}: ${kb(got).trim()} gzip; target ${kb(target).trim()}, ceiling ${kb(ceiling).trim()}: ${verdict}`);
    over ||= got > ceiling;
  }
  if (over) {
    console.error('budget: the build is over a ceiling');
    process.exit(1);
  }
}
