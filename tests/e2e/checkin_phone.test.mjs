// A check-in on a 360 px phone, in Dutch: Jan opens it from his page and
// (his account speaks Dutch, whatever the phone's language) checks in with one tap per question (the use question skipped by not
// answering it, the free line left empty) and one to save; he is thanked
// with his streak and sees his check-ins, their chart and his settings.
// Each question is a group named by its legend, each choice a radio with
// its label, big enough to tap. axe on every page; nothing scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser, jan;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'nl' WHERE username = 'jan'");
  jan = srv.sql("SELECT id FROM person WHERE display_name='Jan Visser'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('Jan checks in on his phone in a few taps, in Dutch', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, 'jan', DEMO_PASSWORD)).status(), 200);
  await page.goto(srv.url + '/me');
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  const had = Number(srv.sql(`SELECT count(*) FROM checkin WHERE person_id='${jan}'`));

  let actions = 0;
  const tap = async (locator) => { actions++; await locator.click(); };
  // From his page, one tap.
  await navigates(page, () => tap(page.locator('main a[href="/me/checkin"]').first()));
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await checkA11y(page, 'the check-in form');
  await assertNoHorizontalOverflow(page, 'the check-in form');
  // Five questions, each a named group of radios; every choice a big target.
  const groups = page.locator('main fieldset');
  assert.equal(await groups.count(), 5);
  for (const name of ['mood', 'craving', 'use', 'sleep', 'supported']) {
    const radios = page.locator(`main input[type="radio"][name="${name}"]`);
    assert.ok(await radios.count() >= 4, name);
    const box = await page.locator(`label[for="f-${name}"]`).boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `${name}: a ${box.width}x${box.height} target`);
  }
  // The whole form fits a phone's width, and the save button is reachable.
  await tap(page.locator('label[for="f-mood-3"]'));           // good
  await tap(page.locator('label[for="f-craving-3"]'));        // 3 of 10
  await tap(page.locator('label[for="f-sleep-3"]'));          // well
  await tap(page.locator('label[for="f-supported-4"]'));      // very much
  assert.equal(await page.locator('input[name="mood"]:checked').getAttribute('value'), '4');
  // Saving: Dutch button words come from the catalogue; find it by its place.
  const saved = await navigates(page, () => tap(page.locator('main form button[type="submit"]')));
  assert.equal(saved.status(), 200);
  assert.ok(actions <= 6, `${actions} taps`);
  assert.equal(Number(srv.sql(`SELECT count(*) FROM checkin WHERE person_id='${jan}'`)), had + 1);
  assert.equal(srv.sql(`SELECT mood || '|' || craving || '|' || coalesce(use_since, 'skipped') || '|' || sleep || '|' || supported
    FROM checkin WHERE person_id='${jan}' ORDER BY at_us DESC LIMIT 1`), '4|3|skipped|4|5');
  // Thanked by name, with a way on.
  assert.match(await page.locator('main h1').innerText(), /Jan/);
  await checkA11y(page, 'the thank-you');
  await assertNoHorizontalOverflow(page, 'the thank-you');
  // His check-ins: good weeks and streak first, the chart, the list.
  await navigates(page, () => page.locator(`main a[href="/persons/${jan}/checkins"]`).first().click());
  assert.ok(await page.locator('main svg[role="img"]').count() >= 1);
  assert.match(await page.locator('main').innerText(), /Goede week met de groep/);
  await checkA11y(page, 'his check-ins');
  await assertNoHorizontalOverflow(page, 'his check-ins');
  // How often, and a reminder.
  await navigates(page, () => page.locator('main a[href="/me/checkin/settings"]').first().click());
  await checkA11y(page, 'his rhythm and reminder');
  await assertNoHorizontalOverflow(page, 'his rhythm and reminder');
  // A form sent without an answer: the message at the field, in the summary.
  await page.goto(srv.url + '/me/checkin');
  await navigates(page, () => page.locator('main form button[type="submit"]').click());
  assert.ok(await page.locator('#e-mood').count() === 1);
  assert.match(await page.locator('.error-summary').innerText(), /Kijk het formulier even na/);
  await checkA11y(page, 'the check-in form with a problem');
  await context.close();
});
