// What a person does on the page: see the default answer, edit, break the input, switch language, zoom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, QuasarPage } from '../app.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('the default scenario decodes to the challenge answer', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  assert.equal(await app.status(), '200');
  assert.equal(await app.position(), '(-100.00, 75.00)');
  assert.equal(await app.message(), 'este es un mensaje secreto');
  await app.screenshot('desktop-success.png');
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('editing a distance updates the answer live and explains the failure', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  await app.type('kenobi', 'distance', '100');
  await app.type('skywalker', 'distance', '115.5');
  await app.type('sato', 'distance', '142.7');
  assert.equal(await app.status(), '404');
  assert.match(await app.error(), /no two circles meet/);
  await app.type('sato', 'message', 'otro _ un _ _');
  assert.match(await app.error(), /kenobi heard "este" but sato heard "otro"/);
  await app.screenshot('desktop-failure.png');
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('garbage in a field is flagged next to it, kept as typed, and the page keeps answering', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  const garbage = ['abc', '-5', 'NaN', '1e999', '💥', '', '   ', '9'.repeat(400), '<b>x</b>'];
  for (const which of ['x', 'y', 'distance', 'name']) {
    for (const g of garbage) {
      // A new name changes the row's test ids, so address the row by position.
      await app.page.locator(`[data-testid$="-${which}"]`).nth(1).fill(g);
      assert.match(await app.status(), /^(200|404)$/, `${which} = ${JSON.stringify(g)}`);
    }
    await app.byId('reset').click();
    assert.equal(await app.status(), '200');
  }
  await app.type('kenobi', 'distance', 'abc');
  assert.equal(await app.field('kenobi', 'distance').inputValue(), 'abc');
  assert.equal(await app.field('kenobi', 'distance').getAttribute('aria-invalid'), 'true');
  // The result still shows the last valid data.
  assert.equal(await app.status(), '200');
  assert.equal(await app.position(), '(-100.00, 75.00)');
  await app.type('kenobi', 'message', '_ _ 🚀 \u0000 ' + 'x '.repeat(2000));
  await app.type('kenobi', 'distance', '485.41219597368996');
  assert.match(await app.status(), /^(200|404)$/);
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('the language switch translates the page', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  assert.equal(await app.page.locator('h1').textContent(), 'Quasar Fire');
  await app.byId('lang-toggle').click();
  assert.equal(await app.page.locator('h1').textContent(), 'Fuego de Quasar');
  assert.equal(await app.page.locator('html').getAttribute('lang'), 'es');
  await app.type('sato', 'message', 'otro _ un _ _');
  assert.equal(await app.error(), 'conflicto en la posición 1: kenobi escuchó "este" pero sato escuchó "otro"');
  await app.type('kenobi', 'distance', '-4');
  assert.equal(await app.page.locator('#sat0-distance-error').textContent(), 'Una distancia no puede ser negativa');
  await app.screenshot('desktop-spanish-failure.png');
  await app.close();
});

test('the phone layout fits 360 px without horizontal scrolling', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url, { width: 360, height: 780 });
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await app.screenshot('phone-success.png');
  await app.close();
});
