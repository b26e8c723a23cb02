// Measures the release build: transfer sizes (raw, gzip, brotli) of dist/ and the
// latency from an input event to the updated result and redrawn plot (User Timing
// measure "qf-update", marked by the app). Usage: node e2e/measure.mjs [rounds]
import { readdir, readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { setup, QuasarPage, DIST } from './app.mjs';

const rounds = Number(process.argv[2] ?? 60);

async function sizes() {
  const rows = [];
  for (const name of await readdir(DIST)) {
    if (!['.wasm', '.js', '.css', '.html'].includes(extname(name))) continue;
    const body = await readFile(join(DIST, name));
    rows.push({
      file: name,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

const files = await sizes();
const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
for (const f of files) console.log(`${f.file.padEnd(44)} raw ${String(f.raw).padStart(7)}  gzip ${String(f.gzip).padStart(7)}  brotli ${String(f.brotli).padStart(7)}`);
console.log(`${'total'.padEnd(44)} raw ${String(total.raw).padStart(7)}  gzip ${String(total.gzip).padStart(7)}  brotli ${String(total.brotli).padStart(7)}`);

const env = await setup();
try {
  const app = await QuasarPage.open(env.browser, env.server.url);
  const input = app.field('sato', 'distance');
  await app.page.evaluate(() => performance.clearMeasures('qf-update'));
  for (let i = 0; i < rounds; i++) {
    await input.fill(String(600 + (i % 7) * 0.25));
    await app.page.waitForTimeout(20);
  }
  const durations = await app.page.evaluate(() =>
    performance.getEntriesByName('qf-update').map((e) => e.duration));
  console.log(`input → result + plot: ${durations.length} samples, median ${median(durations).toFixed(2)} ms, p95 ${pct(durations, 0.95).toFixed(2)} ms`);
  await app.close();
} finally {
  await env.close();
}
