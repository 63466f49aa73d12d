// A volunteer bridge builder on a 360 px phone, in Danish: Mette asks for
// someone to come along to an appointment; Else (Frivilligcenter Følgeskab)
// lands on her requests after signing in, sees only what the job needs,
// says "Jeg tager med", then sees where to meet; Mette sees who will come.
// axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser, mette;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'da' WHERE username IN ('mette', 'else')");
  mette = srv.sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function phone(username) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, username, DEMO_PASSWORD)).status(), 200);
  return { context, page };
}

test('Mette asks for company; Else accepts on her phone and sees where to meet; Mette sees who will come', async () => {
  // The video talk in a week has nobody asked yet: Mette asks, from its page.
  const appt = srv.sql(`SELECT a.id FROM appointment a WHERE a.person_id='${mette}' AND a.title='Aftengruppe hos Broen'
    AND a.starts_us > ${Date.now() * 1000} ORDER BY a.starts_us LIMIT 1`);
  const m = await phone('mette');
  await m.page.goto(srv.url + `/persons/${mette}/appointments/${appt}`);
  await navigates(m.page, () => m.page.getByRole('link', { name: 'Bed om følgeskab' }).click());
  await checkA11y(m.page, 'the form to ask for company');
  await assertNoHorizontalOverflow(m.page, 'the form to ask for company');
  // Nothing typed: told at the field, nothing asked.
  await navigates(m.page, () => m.page.getByRole('button', { name: 'Bed om følgeskab' }).click());
  assert.match(await m.page.locator('#e-area').innerText(), /\S/);
  await checkA11y(m.page, 'the form with an error');
  await m.page.getByLabel('Cirka hvor').fill('Nørrebro');
  await m.page.getByLabel('Hvor I mødes (valgfrit)').fill('Ved Jagtvej, foran biblioteket');
  await navigates(m.page, () => m.page.getByRole('button', { name: 'Bed om følgeskab' }).click());
  assert.match(await m.page.locator('main').innerText(), /Spurgt Frivilligcenter Følgeskab\. Ingen har sagt ja endnu\./);

  // Else signs in and lands on her requests.
  const e = await phone('else');
  assert.match(e.page.url(), /\/accompaniment$/);
  await checkA11y(e.page, 'the volunteer\'s requests');
  await assertNoHorizontalOverflow(e.page, 'the volunteer\'s requests');
  const text = await e.page.locator('main').innerText();
  assert.ok(!/Larsen|Jagtvej|Broen|Aftengruppe/.test(text), 'nothing but what the job needs');
  const cid = srv.sql(`SELECT id FROM accompaniment WHERE appointment_id='${appt}' AND status='open'`);
  await navigates(e.page, () => e.page.locator(`a[href="/accompaniment/${cid}"]`).click());
  await checkA11y(e.page, 'an open request');
  assert.match(await e.page.locator('h1').innerText(), /^Mette, /);
  await navigates(e.page, () => e.page.getByRole('button', { name: 'Jeg tager med' }).click());
  const now = await e.page.locator('main').innerText();
  assert.match(now, /Ved Jagtvej, foran biblioteket/);
  assert.match(now, /Tak! Personen kan se, at du kommer\./);
  await checkA11y(e.page, 'a request she accepted');
  await assertNoHorizontalOverflow(e.page, 'a request she accepted');
  await e.context.close();

  // Mette sees who will come, by first name.
  await m.page.goto(srv.url + `/persons/${mette}/appointments/${appt}`);
  assert.match(await m.page.locator('.company').innerText(), /Else fra Frivilligcenter Følgeskab tager med dig\./);
  assert.ok(!(await m.page.locator('main').innerText()).includes('Mortensen'));
  await checkA11y(m.page, 'her appointment with a companion');
  await assertNoHorizontalOverflow(m.page, 'her appointment with a companion');
  await m.context.close();
});
