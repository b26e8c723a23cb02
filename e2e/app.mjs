// Page object for Quasar Fire, and the browser the tests drive (Debian's Chromium).
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(here, 'artifacts');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Start the production-headers server and the browser once for a test file. Closing
 * fails if the browser reported any Content-Security-Policy violation to the server.
 */
export async function setup({ dist = DIST, prefix = '/' } = {}) {
  const server = await serve(dist, { prefix });
  const browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    server, browser,
    async close() {
      await browser.close();
      // Reports are posted asynchronously; give the last ones a moment to arrive.
      await new Promise((ok) => setTimeout(ok, 200));
      await server.close();
      if (server.cspReports.length > 0) {
        throw new Error(`CSP violations reported:\n${server.cspReports.join('\n')}`);
      }
    },
  };
}

export class QuasarPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
    this.errors = [];
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') this.errors.push(m.text()); });
  }

  /** CSP violations the page saw (its `securitypolicyviolation` events). */
  async violations() {
    return this.page.evaluate(() => window.__cspViolations ?? []);
  }

  static async open(browser, url, { width = 1280, height = 900, locale = 'en-US' } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, locale, deviceScaleFactor: 1 });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    });
    const page = await context.newPage();
    const app = new QuasarPage(page, url);
    await page.goto(url);
    await page.getByTestId('result-status').waitFor();
    return app;
  }

  byId(id) { return this.page.getByTestId(id); }
  field(name, which) { return this.byId(`sat-${name}-${which}`); }
  async status() { return (await this.byId('result-status').textContent()).trim(); }
  async position() { return (await this.byId('result-position').textContent()).trim(); }
  async message() { return (await this.byId('result-message').textContent()).trim(); }
  async error() { return (await this.byId('result-error').textContent()).trim(); }
  async type(name, which, text) { await this.field(name, which).fill(text); }
  /** The plot's centre in viewport pixels, measured afresh: clicking a button below
   * the fold scrolls the page. */
  async plotCentre() {
    const box = await this.byId('plot').boundingBox();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  /** Hover `dx` pixels right of the plot's centre; the data point the readout shows. */
  async plotReadout(dx) {
    const centre = await this.plotCentre();
    await this.page.mouse.move(centre.x + dx, centre.y);
    const text = await this.byId('pointer-readout').textContent();
    const m = text.match(/x (-?[\d.]+)\s+y (-?[\d.]+)/);
    if (!m) throw new Error(`pointer readout "${text}"`);
    return { x: Number(m[1]), y: Number(m[2]) };
  }
  async screenshot(file) { await this.page.screenshot({ path: join(ARTIFACTS, file), fullPage: true }); }
  /** Close the page; fails on any console error, page error or CSP violation. */
  async close() {
    const violations = await this.violations();
    await this.page.context().close();
    if (this.errors.length > 0 || violations.length > 0) {
      throw new Error(`the page reported problems:\n${[...this.errors, ...violations].join('\n')}`);
    }
  }
}
