// Appointments on a 360 px phone, in Danish: Mette's next appointment comes
// first on her page; she says "Jeg kommer" in one tap, opens one, asks to
// move another, and Peter (her professional) sees her request and the
// history. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser, mette;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'da' WHERE username IN ('mette', 'peter')");
  mette = srv.sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('Mette confirms her next appointment in one tap and asks to move another; Peter sees it', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, 'mette', DEMO_PASSWORD)).status(), 200);
  await page.goto(srv.url + '/me');
  // Her next appointment in the greeting, before everything else.
  const next = page.locator('.hero .next-appointment');
  assert.match(await next.innerText(), /Næste aftale: Samtale med Peter/);
  await checkA11y(page, 'her page with appointments');
  await assertNoHorizontalOverflow(page, 'her page');
  // One tap: the first planned one is confirmed.
  const first = srv.sql(`SELECT id FROM appointment WHERE person_id='${mette}' AND status='planned'
    AND starts_us > ${Date.now() * 1000} ORDER BY starts_us LIMIT 1`);
  await navigates(page, () => next.getByRole('button', { name: 'Jeg kommer' }).click());
  assert.equal(srv.sql(`SELECT status FROM appointment WHERE id='${first}'`), 'confirmed');
  assert.match(await page.locator('main').innerText(), /Aftalen er gemt/);
  await checkA11y(page, 'the confirmed appointment');
  await assertNoHorizontalOverflow(page, 'the confirmed appointment');
  // All her appointments; she opens the video one and asks to move it.
  await page.goto(srv.url + `/persons/${mette}/appointments`);
  await checkA11y(page, 'her appointments');
  await assertNoHorizontalOverflow(page, 'her appointments');
  await navigates(page, () => page.getByRole('link', { name: 'Aftengruppe hos Broen' }).first().click());
  await page.getByLabel(/Hvornår passer det dig bedre/).fill('Jeg kan bedre om tirsdagen');
  await navigates(page, () => page.getByRole('button', { name: 'Bed om at flytte den' }).click());
  assert.match(await page.locator('main').innerText(), /Du har bedt om at flytte denne aftale\. Jeg kan bedre om tirsdagen/);
  await checkA11y(page, 'an appointment she asked to move');
  // Her appointments in her phone's own calendar: a private address, shown once.
  await page.goto(srv.url + `/persons/${mette}/appointments`);
  await navigates(page, () => page.getByRole('link', { name: 'Vis mine aftaler i min telefons kalender' }).click());
  await checkA11y(page, 'her calendar page');
  await navigates(page, () => page.getByRole('button', { name: 'Lav en kalenderadresse' }).click());
  const address = await page.locator('code.secret').innerText();
  assert.match(address, /\/calendar\/[A-Za-z0-9_-]{43}$/);
  assert.ok(await page.getByRole('link', { name: 'Føj til min telefons kalender' }).count() === 1);
  await checkA11y(page, 'her new calendar address');
  await assertNoHorizontalOverflow(page, 'her new calendar address');
  await context.close();
  // Peter sees her request on the same appointment.
  const staff = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  const p2 = await staff.newPage();
  await p2.goto(srv.url + '/signin');
  assert.equal((await signIn(p2, 'peter', DEMO_PASSWORD)).status(), 200);
  await p2.goto(srv.url + `/persons/${mette}/appointments`);
  await checkA11y(p2, 'the team\'s list of her appointments');
  await navigates(p2, () => p2.getByRole('link', { name: 'Aftengruppe hos Broen' }).first().click());
  assert.match(await p2.locator('main').innerText(), /Personen har bedt om at flytte denne aftale\. Jeg kan bedre om tirsdagen/);
  await checkA11y(p2, 'the appointment for the team');
  await assertNoHorizontalOverflow(p2, 'the appointment for the team');
  await staff.close();
});
