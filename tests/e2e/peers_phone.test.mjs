// Peer workers on a 360x800 phone (rosc sends no script of its own):
// Mette opens "Peer workers" from her page, sees Amira suggested with one
// line on why she fits, changes what matters to her (an empty area is
// fine; a too long one is answered at the field), opens "Choose" (a
// <details>), ticks what Amira may see and adds her; then reads her
// coaching sessions. axe on every page; nothing scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser, mette;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'mette'");
  mette = srv.sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('Mette finds and chooses a peer worker on her phone', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, 'mette', DEMO_PASSWORD)).status(), 200);
  await page.goto(srv.url + '/me');
  await navigates(page, () => page.locator('main a[href="/me/peers"]').first().click());
  await checkA11y(page, 'her peer workers');
  await assertNoHorizontalOverflow(page, 'her peer workers');
  const card = page.locator('main li.peer', { hasText: 'Amira Haddad' });
  assert.equal(await card.count(), 1);
  assert.match(await card.locator('.why').innerText(), /Speaks Dansk/);
  assert.equal(await page.locator('main li.peer', { hasText: 'Kees Mulder' }).count(), 0);

  // A too long area: the message at the field, what she typed kept.
  await page.fill('#f-area', 'K'.repeat(70));
  const bad = await navigates(page, () => page.locator('main form[action="/me/peers"] button[type="submit"]').click());
  assert.equal(bad.status(), 422);
  assert.ok(await page.locator('#e-area').isVisible());
  await checkA11y(page, 'the form with a mistake');
  await assertNoHorizontalOverflow(page, 'the form with a mistake');
  await page.fill('#f-area', 'København');
  await page.check('#langs_ar');
  const ok = await navigates(page, () => page.locator('main form[action="/me/peers"] button[type="submit"]').click());
  assert.equal(ok.status(), 200);
  assert.ok(await page.locator('#langs_ar').isChecked());

  // Choosing: a <details> opens without script; she ticks two categories.
  const again = page.locator('main li.peer', { hasText: 'Amira Haddad' });
  await again.locator('summary').click();
  await again.locator('input[name="cat_basic"]').check();
  await again.locator('input[name="cat_notes"]').check();
  await checkA11y(page, 'choosing Amira');
  const chosen = await navigates(page, () => again.locator('button[type="submit"]', { hasText: 'Add them' }).click());
  assert.equal(chosen.status(), 200);
  assert.match(await page.locator('main').innerText(), /My peer workers[\s\S]*Amira Haddad/);
  const mid = srv.sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
    WHERE m.person_id = '${mette}' AND u.username = 'amira'`);
  assert.equal(srv.sql(`SELECT count(*) FROM consent WHERE person_id = '${mette}' AND recipient_member_id = '${mid}'`), '2');
  await checkA11y(page, 'after choosing');
  await assertNoHorizontalOverflow(page, 'after choosing');

  // Her coaching sessions.
  await navigates(page, () => page.locator(`main a[href="/persons/${mette}/coaching"]`).first().click());
  assert.match(await page.locator('main').innerText(), /Kaffe på Østerbro/);
  await checkA11y(page, 'her coaching sessions');
  await assertNoHorizontalOverflow(page, 'her coaching sessions');
  await context.close();
});
