// Writes name.wasm.br (brotli, quality 11) and name.wasm.gz (GNU gzip -9) beside every
// .wasm of a release build. deploy/deploy.py uploads them with their Content-Encoding
// and the CloudFront Function in deploy/wasm-encoding.js serves the one the browser
// accepts (e2e/server.mjs does the same in the tests). They are alternative encodings
// of one file, so the size budget does not count them twice.
//
// Usage: node e2e/precompress.mjs <dist>
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotli, gzip } from './budget.mjs';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node e2e/precompress.mjs <dist>');
  process.exit(2);
}
const names = (await readdir(dist, { recursive: true })).filter((n) => n.endsWith('.wasm'));
if (names.length === 0) {
  console.error(`precompress: no .wasm in ${dist}`);
  process.exit(1);
}
for (const name of names) {
  const body = await readFile(join(dist, name));
  const [br, gz] = [brotli(body), gzip(body)];
  await writeFile(join(dist, `${name}.br`), br);
  await writeFile(join(dist, `${name}.gz`), gz);
  console.log(`precompress: ${name} ${body.length} → br ${br.length}, gz ${gz.length}`);
}
