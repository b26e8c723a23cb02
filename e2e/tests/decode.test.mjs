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
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.byId('copy-position').click();
  // The button confirms once the browser has the text, then goes back.
  await app.page.waitForFunction(() => document.querySelector('[data-testid=copy-position]').textContent.trim() === 'Copied');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=copy-position]').textContent.trim() === 'Copy', null, { timeout: 5000 });
  const copied = await app.page.evaluate(() => navigator.clipboard.readText());
  const [x, y] = copied.split(',').map(Number);
  assert.ok(Math.abs(x + 100) < 1e-9 && Math.abs(y - 75) < 1e-9, copied);
  assert.ok(copied.length > '-100.00, 75.00'.length, `full precision: ${copied}`);
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

test('the plot zooms under the wheel, pans by dragging, reports the pointer and resets', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  const readout = (dx) => app.plotReadout(dx);
  const anchor = await readout(0);
  const before = await readout(120);
  let centre = await app.plotCentre();
  await app.page.mouse.move(centre.x, centre.y);
  await app.page.mouse.wheel(0, -400);
  const anchorAfter = await readout(0);
  const after = await readout(120);
  // The point under the wheel stays put; everything else comes closer to it.
  assert.ok(Math.abs(anchorAfter.x - anchor.x) < 2, `${anchor.x} → ${anchorAfter.x}`);
  assert.ok(Math.abs(after.x - anchorAfter.x) < 0.8 * Math.abs(before.x - anchor.x), 'zoomed in');
  // Drag 100 px to the right: the data under the pointer moves left by 100 px worth.
  centre = await app.plotCentre();
  await app.page.mouse.move(centre.x, centre.y);
  await app.page.mouse.down();
  await app.page.mouse.move(centre.x + 100, centre.y, { steps: 5 });
  await app.page.mouse.up();
  const dragged = await readout(100);
  assert.ok(Math.abs(dragged.x - anchorAfter.x) < 2, `${anchorAfter.x} vs ${dragged.x}`);
  await app.byId('reset-view').click();
  const reset = await readout(120);
  assert.ok(Math.abs(reset.x - before.x) < 1, `${before.x} vs ${reset.x}`);
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('two fingers pinch the plot: the spread sets the scale, the midpoint stays put, no click', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url, { width: 360, height: 780 });
  // In the generator a click on the plot places the ship: a pinch must not.
  await app.byId('mode-generator').click();
  await app.byId('plot').scrollIntoViewIfNeeded();
  const box = await app.byId('plot').boundingBox();
  const centre = await app.plotCentre();
  const readout = (dx) => app.plotReadout(dx);
  const spanBefore = (await readout(60)).x - (await readout(0)).x;
  const middleBefore = await readout(0);
  await app.page.mouse.move(box.x - 5, box.y - 5);
  /** Touch pointers as a phone sends them: [type, finger, dx from the centre]. */
  const touch = (events) => app.page.evaluate(({ c, events }) => {
    const canvas = document.querySelector('[data-testid=plot]');
    for (const [type, finger, dx] of events) {
      canvas.dispatchEvent(new PointerEvent(type, {
        pointerId: 10 + finger, pointerType: 'touch', isPrimary: finger === 1,
        clientX: c.x + dx, clientY: c.y, bubbles: true, cancelable: true,
        buttons: type === 'pointerup' ? 0 : 1,
      }));
    }
  }, { c: centre, events });
  const ship = async () => [await app.byId('gen-x').inputValue(), await app.byId('gen-y').inputValue()];
  const placed = await ship();
  // Two fingers 40 px either side of the centre move apart to 80 px, in steps.
  const spread = [['pointerdown', 1, -40], ['pointerdown', 2, 40]];
  for (let k = 1; k <= 4; k++) spread.push(['pointermove', 1, -40 - 10 * k], ['pointermove', 2, 40 + 10 * k]);
  spread.push(['pointerup', 1, -80], ['pointerup', 2, 80]);
  await touch(spread);
  const middleAfter = await readout(0);
  const spanAfter = (await readout(60)).x - middleAfter.x;
  assert.ok(Math.abs(spanAfter / spanBefore - 0.5) < 0.03, `scale ${spanBefore} → ${spanAfter}`);
  assert.ok(Math.abs(middleAfter.x - middleBefore.x) < 2 * Math.abs(spanAfter) / 60,
    `midpoint ${middleBefore.x} → ${middleAfter.x}`);
  // A two-finger tap is no click either; a one-finger tap is.
  await touch([['pointerdown', 1, -20], ['pointerdown', 2, 20], ['pointerup', 2, 20], ['pointerup', 1, -20]]);
  assert.deepEqual(await ship(), placed, 'pinching and two-finger taps leave the ship');
  await touch([['pointerdown', 1, -20], ['pointerup', 1, -20]]);
  assert.notDeepEqual(await ship(), placed, 'a one-finger tap places the ship');
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('axe-core finds no accessibility violations, in success and failure, in every flow, desktop and phone', async () => {
  const { AxeBuilder } = await import('@axe-core/playwright');
  // WCAG 2.0–2.2 A/AA and axe's best practices; the phone width matters: the
  // alignment grid only scrolls (and must then be focusable) there.
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  for (const width of [1280, 360]) {
    const app = await QuasarPage.open(env.browser, env.server.url, { width });
    for (const state of ['success', 'failure', 'split', 'generator', 'spanish']) {
      if (state === 'failure') {
        await app.type('kenobi', 'distance', 'abc');
        await app.type('sato', 'message', 'otro _ un _ _');
      }
      if (state === 'split') {
        await app.byId('mode-split').click();
        await app.byId('split-report-sato').click();
      }
      if (state === 'generator') {
        await app.byId('mode-generator').click();
        await app.byId('gen-miss').fill('7');
      }
      if (state === 'spanish') await app.byId('lang-toggle').click();
      const result = await new AxeBuilder({ page: app.page }).withTags(tags).analyze();
      const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(found, [], `${width} px, ${state}: ${found.join('\n')}`);
    }
    await app.close();
  }
});

test('the keyboard alone reaches every control, edits, switches flow, reports and moves the plot', async () => {
  const app = await QuasarPage.open(env.browser, env.server.url);
  const focused = () => app.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
  /** Press Tab until the element `id` has focus; every stop is recorded. */
  const stops = [];
  const tabTo = async (id) => {
    for (let i = 0; i < 120; i++) {
      await app.page.keyboard.press('Tab');
      const f = await focused();
      stops.push(f);
      if (f === id) return;
    }
    assert.fail(`Tab never reached ${id}; stops: ${stops.join(' ')}`);
  };
  await tabTo('sat-sato-distance');
  await app.page.keyboard.press('Control+A');
  await app.page.keyboard.type('601');
  assert.equal(await app.status(), '404');
  await tabTo('tolerance');
  // The page reads satellites → result (with the plot) → the API flows.
  await tabTo('plot');
  const view = () => app.page.evaluate(() => JSON.parse(localStorage.getItem('quasar-fire.state')).w ?? null);
  assert.equal(await view(), null);
  await app.page.keyboard.press('+');
  await app.page.keyboard.press('ArrowLeft');
  assert.ok(Array.isArray(await view()), 'zoomed and panned');
  await app.page.keyboard.press('0');
  assert.equal(await view(), null);
  await tabTo('reset-view');
  await tabTo('mode-split');
  await app.page.keyboard.press('Enter');
  await tabTo('split-report-kenobi');
  await app.page.keyboard.press('Enter');
  assert.equal(await app.byId('split-log').locator('li').count(), 1);
  // The result follows the split flow: one report is not enough.
  assert.equal(await app.status(), '404');
  for (const id of ['lang-toggle', 'share', 'sat-kenobi-name', 'add-satellite', 'reset', 'mode-topsecret']) {
    assert.ok(stops.includes(id), `${id} is reachable by Tab`);
  }
  await app.close();
});
