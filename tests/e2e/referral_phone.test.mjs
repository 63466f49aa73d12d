// A referral on a 360 px phone, in Danish: Mette chooses between the two
// services her coordinator proposed (IPS job support and a mentor, both at
// Jobcenter Amager), sees what Jobcenter will get before she confirms,
// accepts, and once Jobcenter marks it received (through the API, as mia
// in her own session) reads "modtaget" in plain Danish (her own language,
// which rosc uses once she is signed in). axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client, DEMO_PASSWORD } from '../lib/rosc.mjs';
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

test('Mette chooses, sees what is shared, accepts, and later reads that it was received', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, 'mette', DEMO_PASSWORD)).status(), 200);
  await page.goto(srv.url + '/me');
  // Her page puts the choice first: two services wait for her.
  const waiting = page.locator('section[aria-labelledby="s-refs"]');
  await assert.doesNotReject(waiting.getByText('IPS: job med støtte').first().waitFor());
  assert.ok(await waiting.getByText('Mentor i job eller uddannelse').count() > 0);
  assert.match(await waiting.innerText(), /Venter på dit valg/);
  await checkA11y(page, 'her page with referrals');
  await assertNoHorizontalOverflow(page, 'her page');
  // She picks IPS.
  await navigates(page, () => waiting.getByRole('link', { name: 'IPS: job med støtte' }).first().click());
  await checkA11y(page, 'the proposed referral');
  await navigates(page, () => page.getByRole('link', { name: /Ja, det vil jeg gerne/ }).click());
  // What Jobcenter will see, before she confirms.
  const main = await page.locator('main').innerText();
  assert.match(main, /Jobcenter Amager får at se:/);
  assert.match(main, /Henvisning|henvisningen/);
  assert.ok(await page.locator('ul.shares li').count() >= 1);
  await checkA11y(page, 'what will be shared');
  await assertNoHorizontalOverflow(page, 'what will be shared');
  await navigates(page, () => page.getByRole('button', { name: 'Sig ja og send' }).click());
  assert.match(await page.locator('main').innerText(), /sendt til Jobcenter Amager/);
  await checkA11y(page, 'the sent referral');
  const rid = new URL(page.url()).pathname.split('/')[4];
  // Jobcenter answers, as mia, through the API.
  const mia = await client(srv).signIn('mia');
  const v = Number(srv.sql(`SELECT version FROM referral WHERE id='${rid}'`));
  const res = await mia.request('POST', `/api/v1/referrals/${rid}/status`, {
    body: JSON.stringify({ status: 'received', note: 'Vi ringer i morgen', version: v }),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': mia.csrf },
  });
  assert.equal(res.status, 200);
  await page.goto(srv.url + '/me');
  assert.match(await page.locator('main').innerText(), /Jobcenter Amager har modtaget din henvisning og kontakter dig\./);
  await checkA11y(page, 'her page after it was received');
  await assertNoHorizontalOverflow(page, 'her page after');
  await context.close();
});
