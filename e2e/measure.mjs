// Measures the release build: transfer sizes (raw, gzip, brotli; see budget.mjs) of dist/ and the
// latency from an input event to the updated result and redrawn plot (User Timing
// measure "qf-update", marked by the app). Usage: node e2e/measure.mjs [rounds]
import { setup, QuasarPage, DIST } from './app.mjs';
import { measure } from './budget.mjs';

const rounds = Number(process.argv[2] ?? 60);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

const { files, total } = await measure(DIST);
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
