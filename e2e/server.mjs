// A static server for a release build on 127.0.0.1 that sends the production headers
// (deploy/headers.json): the Content-Security-Policy and the other security headers,
// Content-Type and Cache-Control per file. Requests for a .wasm go through the very
// CloudFront Function production runs (deploy/wasm-encoding.js), which picks the
// pre-compressed copy the client accepts. The policy also carries a report-uri, so a
// violation is reported back here even when no page listener sees it; the tests fail
// on any report.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const HEADERS = JSON.parse(await readFile(join(here, '..', 'deploy', 'headers.json'), 'utf8'));
const REPORT_PATH = '/__csp-report';

/** deploy/wasm-encoding.js's `handler` (a CloudFront Function is a script, not a module). */
export const viewerRequest = new Function(
  `${await readFile(join(here, '..', 'deploy', 'wasm-encoding.js'), 'utf8')}\nreturn handler;`,
)();

/** The Content-Type, Cache-Control and Content-Encoding production gives `path`. */
export function fileHeaders(path) {
  const encoding = extname(path.replace(/\.(br|gz)$/, '')) === '.wasm'
    ? HEADERS.encodings[extname(path)] : undefined;
  const plain = encoding ? path.slice(0, -extname(path).length) : path;
  const type = HEADERS.types[extname(plain)] ?? 'application/octet-stream';
  const rule = HEADERS.cache.find((r) => new RegExp(r.match).test(plain));
  const headers = { 'content-type': type, 'cache-control': rule.cacheControl };
  return encoding ? { ...headers, 'content-encoding': encoding } : headers;
}

/**
 * Serve `root` under `prefix` (default `/`) on an ephemeral port of 127.0.0.1.
 * Resolves to { url, cspReports, close }.
 */
export async function serve(root, { prefix = '/' } = {}) {
  const base = resolve(root);
  const cspReports = [];
  const security = {
    ...HEADERS.security,
    'Content-Security-Policy': `${HEADERS.security['Content-Security-Policy']}; report-uri ${REPORT_PATH}`,
  };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (req.method === 'POST' && path === REPORT_PATH) {
      let body = '';
      for await (const chunk of req) body += chunk;
      cspReports.push(body);
      res.writeHead(204);
      res.end();
      return;
    }
    try {
      if (!path.startsWith(prefix)) throw new Error('outside the public URL');
      const accept = req.headers['accept-encoding'];
      const { uri } = viewerRequest({
        request: { uri: path, headers: accept ? { 'accept-encoding': { value: accept } } : {} },
      });
      let file = normalize(join(base, uri.slice(prefix.length)));
      if (!file.startsWith(base)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...security, ...fileHeaders(file) });
      res.end(body);
    } catch {
      res.writeHead(404, { ...security, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    cspReports,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

// `node e2e/server.mjs [dist] [prefix]`: serve a build by hand with production headers.
if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await serve(process.argv[2] ?? 'dist', { prefix: process.argv[3] ?? '/' });
  console.log(`serving on ${s.url}`);
}
