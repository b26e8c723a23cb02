// Post-process Trunk's release output so it runs under the production
// Content-Security-Policy (deploy/headers.json) and ships less JavaScript:
//
//  1. minify wasm-bindgen's glue and give it a new content hash;
//  2. move Trunk's inline `<script type=module>` loader into its own content-hashed
//     file with a Subresource Integrity attribute (no 'unsafe-inline', no hashes in the
//     policy to keep in step with every build);
//  3. refuse to finish if any inline script, inline style or event-handler attribute
//     remains in index.html.
//
// Usage: node e2e/harden.mjs <dist>
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = await readFile(indexPath, 'utf8');

const sha = (alg, data, enc) => createHash(alg).update(data).digest(enc);
const sri = (data) => `sha384-${sha('sha384', data, 'base64')}`;
const fail = (why) => { console.error(`harden: ${why}`); process.exit(1); };

// 1. The glue, found through its modulepreload link.
const preload = html.match(/<link\b[^>]*\brel=modulepreload\b[^>]*>/);
if (!preload) fail('no modulepreload link for the wasm-bindgen glue in index.html');
const glueHref = preload[0].match(/\bhref=("?)([^"\s>]+)\1/)?.[2];
if (!glueHref) fail('the modulepreload link has no href');
const base = glueHref.slice(0, glueHref.lastIndexOf('/') + 1);
const glueName = glueHref.slice(base.length);
const stem = glueName.replace(/-[0-9a-f]+\.js$/, '');
const glue = await readFile(join(dist, glueName), 'utf8');
const glueMin = (await transform(glue, { minify: true, format: 'esm', target: 'es2022' })).code;
const newGlueName = `${stem}-${sha('sha256', glueMin, 'hex').slice(0, 16)}.js`;
await writeFile(join(dist, glueName), glueMin);
await rename(join(dist, glueName), join(dist, newGlueName));
const newPreload = preload[0].replace(/\bintegrity=("?)[^"\s>]+\1/, `integrity="${sri(glueMin)}"`);
if (newPreload === preload[0]) fail('the modulepreload link has no integrity attribute');
html = html.replace(preload[0], newPreload).replaceAll(glueHref, base + newGlueName);

// 2. The inline loader.
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  .filter(([, attrs]) => !/\bsrc=/.test(attrs));
if (inline.length !== 1) fail(`expected Trunk's one inline loader script, found ${inline.length}`);
const [whole, attrs, code] = inline[0];
if (!/type=("?)module\1/.test(attrs)) fail('the inline loader is not a module script');
const loader = (await transform(code, { minify: true, format: 'esm', target: 'es2022' })).code;
const loaderName = `loader-${sha('sha256', loader, 'hex').slice(0, 16)}.js`;
await writeFile(join(dist, loaderName), loader);
html = html.replace(whole,
  `<script type=module src="${base}${loaderName}" integrity="${sri(loader)}"></script>`);

// 3. Nothing inline may remain.
if (/<script\b(?![^>]*\bsrc=)[^>]*>/.test(html)) fail('an inline script remains');
if (/<style\b/.test(html)) fail('an inline <style> remains');
if (/\sstyle=/.test(html)) fail('an inline style attribute remains');
if (/\son[a-z]+=/.test(html)) fail('an inline event handler remains');

await writeFile(indexPath, html);
console.log(`harden: ${newGlueName} (${glue.length} → ${glueMin.length} bytes), ${loaderName}`);
