// Help now on a 360 px phone. Mette, in Danish, taps Help now from her
// page, sees her own people to call and the Danish helplines, and lets
// her people know (Birgit, as she chose). Karin, her coordinator, finds it
// at the top of her caseload and says she saw it; Mette then sees that
// Karin saw it. Every page is checked with axe; nothing scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow,
} from './browser.mjs';

let srv;
let browser;
let mette;
before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'da' WHERE username = 'mette'");
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'karin'");
  mette = srv.sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function phone(user, orgName) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(`${srv.url}/signin`);
  await signIn(page, user, DEMO_PASSWORD);
  if (orgName) await navigates(page, () => page.getByRole('button', { name: orgName }).click());
  return { context, page };
}

const path = (page) => new URL(page.url()).pathname;
const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

async function check(page, label) {
  await assertNoHorizontalOverflow(page, label);
  await checkA11y(page, `${label} at 360 px`);
}

test('mette presses Help now, sees who to call, and lets her people know', async () => {
  const { context, page } = await phone('mette');
  try {
    await navigates(page, () => page.goto(`${srv.url}/me`));
    assert.equal(await page.locator('html').getAttribute('lang'), 'da');
    assert.equal(await page.locator('main section.crisis-now a[href="/me/help"]').count(), 1,
      'on her home page, in "Need help now?"');
    await check(page, 'her page');
    await navigates(page, () => page.goto(`${srv.url}/me/consents`));
    // The button is in the header, big enough to hit.
    const button = page.locator('header a.help-now');
    const box = await button.boundingBox();
    assert.ok(box && box.height >= 44 && box.width >= 200, JSON.stringify(box));
    await navigates(page, () => button.click());
    assert.equal(path(page), '/me/help');
    await check(page, 'Help now');
    const text = await mainText(page);
    assert.match(text, /Jonas \(sponsor\)/, 'her own people to call');
    assert.equal(await page.locator('main a[href="tel:+4522334455"]').count(), 1);
    assert.match(text, /Alkolinjen/, 'the Danish helplines');
    assert.equal(await page.locator('main .helplines a[href="tel:112"]').count(), 1);
    assert.equal(await page.locator('main .helplines[data-country="DK"]').count(), 1);
    assert.doesNotMatch(text, /Zelfmoordpreventie/);
    assert.match(text, /Birgit Larsen/, 'who will be told');

    await navigates(page, () => page.locator('main button.help-now-tell').click());
    assert.equal(path(page), '/me/help');
    assert.equal(await page.locator('main .notice[role="status"]').count(), 1);
    assert.match(await page.locator('main ul.told').first().innerText(), /Birgit Larsen/);
    await check(page, 'Help now, told');
    assert.equal(srv.sql(`SELECT count(*) FROM outbox WHERE about LIKE 'help_now:%' AND recipient = '+4540506070'`), '1');
  } finally {
    await context.close();
  }
});

test('karin sees it at the top of her caseload and acknowledges it; mette sees that she did', async () => {
  const { context, page } = await phone('karin', 'Socialforvaltningen Østerbro');
  try {
    await navigates(page, () => page.goto(`${srv.url}/persons`));
    const open = page.locator('main section.help-now-open');
    assert.equal(await open.count(), 1);
    assert.match(await open.innerText(), /Mette/);
    await check(page, 'the caseload with a press');
    await navigates(page, () => open.getByRole('button').first().click());
    assert.equal(path(page), '/persons');
    assert.equal(await page.locator('main section.help-now-open').count(), 0);
    await check(page, 'the caseload, acknowledged');
  } finally {
    await context.close();
  }
  const m = await phone('mette');
  try {
    await navigates(m.page, () => m.page.goto(`${srv.url}/me/help`));
    assert.match(await m.page.locator('main .presses .seen').first().innerText(), /Karin/);
    await check(m.page, 'Help now, seen');
  } finally {
    await m.context.close();
  }
  assert.match(srv.sql(`SELECT acknowledged_by FROM help_now_press WHERE person_id = '${mette}'`), /^[0-9a-f]{32}$/);
});
