// A questionnaire on a 360 px phone, in Danish: Mette opens her
// questionnaires from her own page, fills in the WHO-5 (shown in English,
// with a note, since rosc ships no official Danish version), is asked at
// the field for the answer she left out, saves, reads her score, and sees
// it on her chart. With and without JavaScript; axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser, mette;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'da' WHERE username = 'mette'");
  mette = srv.sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedIn(user, options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, ...options });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, user, DEMO_PASSWORD)).status(), 200);
  return { context, page };
}

const count = () => Number(srv.sql(`SELECT count(*) FROM questionnaire_response WHERE person_id='${mette}' AND code='who-5'`));

for (const javaScriptEnabled of [true, false]) {
  test(`Mette fills in the WHO-5 on her phone in Danish and sees her chart${javaScriptEnabled ? '' : ', without JavaScript'}`, async () => {
    const { context, page } = await signedIn('mette', { javaScriptEnabled });
    const a11y = (label) => javaScriptEnabled ? checkA11y(page, label) : Promise.resolve();
    try {
      await page.goto(srv.url + '/me');
      await navigates(page, () => page.locator(`a[href="/persons/${mette}/questionnaires"]`).first().click());
      const chart = page.locator('svg.chart-zoned[aria-labelledby="chart-who-5-t"]');
      assert.equal(await chart.count(), 1);
      const before = await chart.locator('circle.chart-dot').count();
      assert.ok(before >= 3);
      // Her BARC-10, with its line at 47.
      assert.equal(await page.locator('svg[aria-labelledby="chart-barc-10-t"] line.chart-mark').count(), 1);
      await a11y('her questionnaires');
      await assertNoHorizontalOverflow(page, 'her questionnaires');

      await navigates(page, () => page.locator(`a[href="/persons/${mette}/questionnaires/who-5/new"]`).click());
      // In English, said so, and marked as English for her screen reader.
      assert.equal(await page.locator('html').getAttribute('lang'), 'da');
      assert.equal(await page.locator('h1').getAttribute('lang'), 'en');
      assert.equal(await page.locator('h1').innerText(), 'WHO-5 Well-Being Index');
      assert.equal(await page.locator('main p.notice').count(), 1);
      assert.equal(await page.locator('fieldset legend').count(), 5);
      assert.match(await page.locator('main').innerText(), /Psychiatric Centre North Zealand/);
      await a11y('the WHO-5 form');
      await assertNoHorizontalOverflow(page, 'the WHO-5 form');

      // Four answers: the fifth is asked for at its field, the four kept.
      const had = count();
      for (const [item, option] of [[1, 1], [2, 2], [3, 1], [4, 2]])
        await page.locator(`#o-${item}-${option}`).check();
      await navigates(page, () => page.locator('main form button[type="submit"]').click());
      assert.equal(count(), had);
      assert.equal(await page.locator('#f-item-5 .field-error').count(), 1);
      assert.equal(await page.locator('#o-1-1').isChecked(), true);
      assert.equal(await page.locator('#o-4-2').isChecked(), true);
      await a11y('the WHO-5 form with a question left out');
      await assertNoHorizontalOverflow(page, 'the WHO-5 form with a question left out');

      await page.locator('#o-5-1').check();
      await navigates(page, () => page.locator('main form button[type="submit"]').click());
      assert.equal(count(), had + 1);
      const main = await page.locator('main').innerText();
      assert.match(main, /(Score|Point)[^\n]*72/);
      assert.match(main, /God trivsel på det seneste/);   // the zone, in rosc's words, in Danish
      assert.match(main, /Most of the time/);
      await a11y('her response');
      await assertNoHorizontalOverflow(page, 'her response');

      await navigates(page, () => page.locator(`nav a[href="/persons/${mette}/questionnaires"]`).first().click());
      assert.equal(await chart.locator('circle.chart-dot').count(), before + 1);
      assert.match(await page.locator('section[aria-labelledby="q-who-5"]').innerText(), /72/);
      await a11y('her questionnaires, with the new score');
    } finally {
      await context.close();
    }
  });
}
