// The release build as production serves it: headers, the Content-Security-Policy
// holding (and biting), the plot's labels under it, and a build under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { setup, launch, QuasarPage, DIST } from '../app.mjs';
import { serve, HEADERS } from '../server.mjs';

const SUBPATH_DIST = join(DIST, '..', 'dist-subpath');
const SUBPATH = '/quasar-fire/';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('every file is served with its production type, caching and security headers', async () => {
  const index = await fetch(env.server.url);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-security-policy'), /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval';/);
  for (const name of ['Strict-Transport-Security', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']) {
    assert.equal(index.headers.get(name), HEADERS.security[name], name);
  }
  const html = await index.text();
  const assets = [...html.matchAll(/(?:src|href)="?\/([^"\s>]+)/g)].map((m) => m[1]);
  const wasm = assets.find((a) => a.endsWith('.wasm'));
  assert.ok(wasm, 'the page preloads its wasm');
  const res = await fetch(env.server.url + wasm);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

/** GET `url` with exactly this Accept-Encoding (fetch would add its own and decode). */
function rawGet(url, acceptEncoding) {
  const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
  return new Promise((ok, fail) => {
    get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

test('the WebAssembly travels pre-compressed in the best encoding the client accepts', async () => {
  const wasm = (await readdir(DIST)).find((f) => f.endsWith('.wasm'));
  const plain = await readFile(join(DIST, wasm));
  const decode = { br: brotliDecompressSync, gzip: gunzipSync, undefined: (b) => b };
  const cases = [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    [undefined, undefined],
    ['identity', undefined],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
  ];
  for (const [accept, want] of cases) {
    const res = await rawGet(env.server.url + wasm, accept);
    assert.equal(res.headers['content-encoding'], want, `Accept-Encoding: ${accept}`);
    assert.equal(res.headers['content-type'], 'application/wasm');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(decode[want](res.body).equals(plain), `${accept}: decodes to the build's wasm`);
    if (want) assert.ok(res.body.length < plain.length / 2, `${want} is smaller`);
  }
  // A real browser loads the compressed copy, SRI and all, and the app runs.
  const app = await QuasarPage.open(env.browser, env.server.url);
  const encodings = await app.page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('.wasm')).map((e) => [e.encodedBodySize, e.decodedBodySize]));
  assert.equal(encodings.length, 1);
  const [encoded, decoded] = encodings[0];
  assert.equal(decoded, plain.length);
  assert.ok(encoded < plain.length / 2, `the browser received ${encoded} bytes for ${decoded}`);
  assert.equal(await app.status(), '200');
  await app.close();
});

test('index.html has no inline code and pins every script and style with integrity', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.equal(scripts.length, 1, html);
  assert.match(scripts[0], /src="\/loader-[0-9a-f]{16}\.js" integrity="sha384-/);
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/);
  for (const tag of html.match(/<link\b[^>]*\brel=(?:stylesheet|modulepreload)[^>]*>/g)) {
    assert.match(tag, /integrity="?sha384-/, tag);
  }
  const files = await readdir(DIST);
  for (const f of files.filter((f) => /\.(js|wasm|css)$/.test(f))) {
    assert.match(f, /-[0-9a-f]{12,}(_bg)?\.(js|wasm|css)$/, `${f} is content-hashed`);
  }
  assert.match(html, /property=og:title/);
});

test('the policy bites: an inline style is refused and reported', async () => {
  // A server of its own, so the violation provoked here is not charged to the others.
  const server = await serve(DIST);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByTestId('result-status').waitFor();
    const applied = await page.evaluate(async () => {
      const seen = new Promise((ok) => document.addEventListener('securitypolicyviolation', (e) => ok(e.violatedDirective)));
      const el = document.createElement('div');
      el.setAttribute('style', 'width: 123px; position: absolute');
      document.body.append(el);
      const directive = await seen;
      return { directive, width: el.getBoundingClientRect().width };
    });
    assert.match(applied.directive, /^style-src/);
    assert.notEqual(applied.width, 123, 'the inline style was not applied');
    for (let i = 0; i < 50 && server.cspReports.length === 0; i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.ok(server.cspReports.length > 0, 'the browser reported the violation to the server');
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the plot draws its axis labels under the policy without touching the page', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  const result = await app.page.evaluate(() => {
    const canvas = document.querySelector('[data-testid=plot]');
    const ctx = canvas.getContext('2d');
    // The y-axis label column: dark text pixels must be there.
    const { data } = ctx.getImageData(0, 0, Math.floor(canvas.width * 0.07), canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 160 && data[i + 3] > 0) dark++;
    // plotters' own text measuring would leave styled <span>s behind in <body>.
    return { dark, spans: document.querySelectorAll('body > span').length };
  });
  assert.ok(result.dark > 50, `axis label pixels: ${result.dark}`);
  assert.equal(result.spans, 0);
  await app.close();
});

test('a build for a sub-path works from that sub-path', async () => {
  const sub = await setup({ dist: SUBPATH_DIST, prefix: SUBPATH });
  try {
    assert.ok(sub.server.url.endsWith(SUBPATH));
    const app = await QuasarPage.open(sub.browser, sub.server.url);
    assert.equal(await app.status(), '200');
    assert.equal(await app.position(), '(-100.00, 75.00)');
    const html = await (await fetch(sub.server.url)).text();
    assert.match(html, /src="\/quasar-fire\/loader-/);
    await app.close();
  } finally {
    await sub.close();
  }
});
