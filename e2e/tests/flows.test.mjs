// The challenge's API flows on the page (issue 4): the top-secret JSON panel, the
// split flow, persistence across a reload, and share links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setup, QuasarPage, ROOT } from '../app.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** The command-line decoder's answer to `body` (exit 1 and 2 still print a body). */
function cli(body) {
  try {
    return execFileSync('cargo', ['run', '--quiet', '--example', 'topsecret'], {
      cwd: ROOT, input: body, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch (e) {
    return e.stdout;
  }
}

const L2 = JSON.stringify({
  satellites: [
    { name: 'kenobi', distance: 100.0, message: ['este', '', '', 'mensaje', ''] },
    { name: 'skywalker', distance: 115.5, message: ['', 'es', '', '', 'secreto'] },
    { name: 'sato', distance: 142.7, message: ['este', '', 'un', '', ''] },
  ],
});

test('a pasted request body fills the form and answers exactly as the CLI does', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  const input = app.byId('json-input');
  await input.fill(L2);
  assert.equal(await app.byId('json-status').textContent(), '404');
  assert.equal(await app.byId('json-output').textContent(), cli(L2).trim());
  assert.equal(await app.field('skywalker', 'distance').inputValue(), '115.5');
  assert.equal(await app.field('sato', 'message').inputValue(), 'este _ un _ _');
  assert.equal(await app.status(), '404');

  // The default scenario, pasted back: 200 and the CLI's bytes.
  const m1 = JSON.stringify({
    satellites: [
      { name: 'kenobi', distance: 485.41219597368996, message: ['este', '', '', 'mensaje', ''] },
      { name: 'skywalker', distance: 265.75364531836624, message: ['', 'es', '', '', 'secreto'] },
      { name: 'sato', distance: 600.5206074732157, message: ['este', '', 'un', '', ''] },
    ],
  });
  await input.fill(m1);
  assert.equal(await app.byId('json-status').textContent(), '200');
  assert.equal(await app.byId('json-output').textContent(), cli(m1).trim());
  assert.equal(await app.position(), '(-100.00, 75.00)');

  // Malformed JSON: where, the text kept, the form untouched.
  const broken = '{"satellites": [\n  {"name": "kenobi", "distance": }';
  await input.fill(broken);
  assert.equal(await app.byId('json-status').textContent(), '400');
  assert.match(await app.byId('json-error').textContent(), /line 2, column \d+/);
  assert.equal(await input.inputValue(), broken);
  assert.equal(await app.status(), '200');
  await input.fill(m1.replace('115.5', '"far"').replace('265.75364531836624', '"far"'));
  assert.match(await app.byId('json-error').textContent(), /satellites\[1\]\.distance/);
  assert.equal(await app.field('skywalker', 'distance').inputValue(), '265.75364531836624');

  // Copy the response: the clipboard holds exactly the shown body.
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.byId('json-output-copy').click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid=json-output-copy]').textContent.trim() === 'Copied');
  assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), await app.byId('json-output').textContent());

  // Editing the form rewrites the body.
  await app.type('kenobi', 'distance', '100');
  const rewritten = JSON.parse(await input.inputValue());
  assert.equal(rewritten.satellites[0].name, 'kenobi');
  assert.equal(rewritten.satellites[0].distance, 100);
  await app.screenshot('desktop-json.png');
  await app.close();
});

test('a request body loads from a file', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  await app.byId('json-file').setInputFiles({ name: 'l2.json', mimeType: 'application/json', buffer: Buffer.from(L2) });
  await app.page.waitForFunction(() => document.querySelector('[data-testid=json-status]').textContent === '404');
  assert.equal(await app.field('kenobi', 'distance').inputValue(), '100');
  await app.close();
});

test('split reports: the latest per satellite wins, two give candidates, three the answer', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  await app.byId('mode-split').click();
  assert.equal(await app.byId('split-status').textContent(), '404');
  await app.byId('split-report-kenobi').click();
  await app.byId('split-report-sato').click();
  assert.equal(await app.byId('split-status').textContent(), '404');
  const two = JSON.parse(await app.byId('split-result').textContent());
  assert.match(two.error, /^not enough information: only two satellites reported/);
  assert.match(two.error, /no report from skywalker/);
  assert.match(await app.error(), /\(-100\.00, 75\.00\) or/);
  await app.screenshot('desktop-split.png');

  // A wrong report first, then the right one: the latest wins.
  await app.type('skywalker', 'distance', '1');
  await app.byId('split-report-skywalker').click();
  assert.equal(await app.byId('split-status').textContent(), '404');
  await app.type('skywalker', 'distance', '265.75364531836624');
  await app.byId('split-report-skywalker').click();
  assert.equal(await app.byId('split-status').textContent(), '200');
  assert.deepEqual(JSON.parse(await app.byId('split-result').textContent()).message, 'este es un mensaje secreto');
  assert.equal(await app.byId('split-log').locator('li').count(), 4);
  assert.match(await app.byId('split-log').locator('li').nth(3).textContent(), /POST \/topsecret_split\/skywalker.*200/s);

  await app.byId('split-clear').click();
  assert.equal(await app.byId('split-status').textContent(), '404');
  assert.equal(await app.byId('split-log').locator('li:not(.empty)').count(), 0);
  // Back to /topsecret: the form's answer again.
  await app.byId('mode-topsecret').click();
  assert.equal(await app.status(), '200');
  await app.close();
});

const stored = (app) => app.page.evaluate(() => localStorage.getItem('quasar-fire.state'));

test('a reload restores the whole state: fields, language, flow, log and view', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  await app.type('sato', 'distance', '601,25');
  await app.type('kenobi', 'message', 'hola _ mundo');
  await app.byId('tolerance').fill('2');
  await app.byId('lang-toggle').click();
  await app.byId('mode-split').click();
  await app.byId('split-report-kenobi').click();
  const box = await app.byId('plot').boundingBox();
  await app.page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
  await app.page.mouse.wheel(0, -300);
  await app.page.waitForTimeout(100);
  const before = await stored(app);
  assert.match(before, /"w":\[/);

  await app.page.reload();
  await app.byId('result-status').waitFor();
  assert.equal(await app.field('sato', 'distance').inputValue(), '601,25');
  assert.equal(await app.field('kenobi', 'message').inputValue(), 'hola _ mundo');
  assert.equal(await app.byId('tolerance').inputValue(), '2');
  assert.equal(await app.page.getAttribute('html', 'lang'), 'es');
  assert.equal(await app.byId('mode-split').getAttribute('aria-pressed'), 'true');
  assert.equal(await app.byId('split-log').locator('li').count(), 1);
  assert.equal(await stored(app), before, 'the same state, bit for bit (view included)');
  assert.equal(await app.byId('notice').isVisible(), false);
  await app.close();
});

test('unreadable saved work is set aside with a notice, and the page starts fresh', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  for (const [junk, why] of [['{"v":1,"s":', /not valid saved data/], ['{"v":99}', /another version/]]) {
    await app.page.evaluate((j) => localStorage.setItem('quasar-fire.state', j), junk);
    await app.page.reload();
    await app.byId('result-status').waitFor();
    const notice = app.byId('notice');
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.textContent(), why);
    assert.match(await notice.textContent(), /quasar-fire\.state\.unreadable/);
    assert.equal(await app.page.evaluate(() => localStorage.getItem('quasar-fire.state.unreadable')), junk);
    assert.equal(await app.status(), '200');
    assert.equal(await app.position(), '(-100.00, 75.00)');
  }
  await app.screenshot('desktop-notice.png');
  await app.close();
});

test('a share link opens the same state in a fresh browser; tampered and oversized links are refused', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.type('skywalker', 'message', '_ es _ _ secreto extra');
  await app.byId('mode-split').click();
  await app.byId('split-report-sato').click();
  await app.byId('lang-toggle').click();
  await app.byId('share').click();
  assert.match(await app.byId('share-status').textContent(), /Enlace copiado/);
  const link = await app.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 1500, `${link.length} characters`);
  const original = await stored(app);
  await app.close();

  // A new context has empty storage: only the link can bring the state.
  const other = await QuasarPage.open(env.browser, link);
  assert.equal(await other.field('skywalker', 'message').inputValue(), '_ es _ _ secreto extra');
  assert.match(await other.byId('notice').textContent(), /Se abrió el estado del enlace/);
  assert.equal(await stored(other), original);
  assert.equal(new URL(other.page.url()).hash, '', 'the fragment is consumed');
  await other.close();

  const tampered = link.slice(0, -6) + (link.endsWith('A') ? 'B' : 'A') + '$$$$$';
  const bad = await QuasarPage.open(env.browser, tampered);
  assert.match(await bad.byId('notice').textContent(), /This link could not be opened|No se pudo abrir este enlace/);
  assert.equal(await bad.status(), '200');
  await bad.close();

  const huge = await QuasarPage.open(env.browser, `${env.server.url}#s=${'A'.repeat(7000)}`);
  assert.match(await huge.byId('notice').textContent(), /too large|demasiado grande/);
  assert.equal(await huge.position(), '(-100.00, 75.00)');
  await huge.close();
});

test('the generator: place the ship, garble, and the vectors decode to the expected responses', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  await app.byId('mode-generator').click();
  await app.byId('gen-miss').fill('0');
  assert.equal(await app.byId('gen-status').textContent(), '200');
  const first = JSON.parse(await app.byId('gen-response').textContent());
  assert.equal(first.message, 'este es un mensaje secreto');
  assert.ok(Math.abs(first.position.x + 100) < 1e-6 && Math.abs(first.position.y - 75.5) < 1e-6);

  // A click on the plot places the ship there.
  const box = await app.byId('plot').boundingBox();
  await app.page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.4);
  const x = Number(await app.byId('gen-x').inputValue());
  const y = Number(await app.byId('gen-y').inputValue());
  assert.ok(x !== -100 && Number.isFinite(x) && Number.isFinite(y), `${x}, ${y}`);
  const placed = JSON.parse(await app.byId('gen-response').textContent());
  assert.ok(Math.abs(placed.position.x - x) < 1e-6 && Math.abs(placed.position.y - y) < 1e-6);

  // Garbled: noise, rounding, missed words; a new seed gives new noise.
  await app.byId('gen-sigma').fill('0.01');
  await app.byId('gen-decimals').fill('2');
  await app.byId('gen-miss').fill('0.3');
  const request = await app.byId('gen-request').textContent();
  for (const s of JSON.parse(request).satellites) {
    assert.ok(Math.round(s.distance * 100) / 100 === s.distance, `${s.distance} has 2 decimals`);
  }
  await app.byId('gen-reroll').click();
  assert.notEqual(await app.byId('gen-request').textContent(), request);
  await app.screenshot('desktop-generator.png');

  // The generated request, pasted into the top-secret panel, gives the expected response.
  const generated = await app.byId('gen-request').textContent();
  const expected = await app.byId('gen-response').textContent();
  assert.equal(cli(generated).trim(), expected);
  await app.byId('mode-topsecret').click();
  await app.byId('json-input').fill(generated);
  assert.equal(await app.byId('json-output').textContent(), expected);

  // A batch file: request and expected response each, as the CLI answers them.
  await app.byId('mode-generator').click();
  await app.byId('gen-count').fill('4');
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.byId('gen-batch').click()]);
  const file = join(await import('node:os').then((os) => os.tmpdir()), `vectors-${process.pid}.json`);
  await download.saveAs(file);
  const items = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8')));
  assert.equal(items.length, 4);
  for (const item of items) {
    const answer = JSON.parse(cli(JSON.stringify(item.request)));
    assert.deepEqual(answer, item.response.body);
    assert.ok([200, 404].includes(item.response.status));
  }

  // Bad settings are flagged, and no batch can be made from them.
  await app.byId('gen-miss').fill('2');
  assert.match(await app.page.locator('.field.invalid').first().textContent(), /probability from 0 to 1/);
  assert.equal(await app.byId('gen-batch').isDisabled(), true);
  await app.close();
});
