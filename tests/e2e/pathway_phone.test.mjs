// A pathway on a 360 px phone, in Danish: Mette reads her pathway's clock on
// her own page, opens it, reads the phases and takes up a proposal; Jan's
// offered pathway waits for his choice, with and without JavaScript; Peter
// adapts Mette's on his phone. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser, mette, jan;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'da' WHERE username IN ('mette', 'peter')");
  srv.sql("UPDATE user_account SET lang = 'nl' WHERE username = 'jan'");
  mette = srv.sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = srv.sql("SELECT id FROM person WHERE display_name='Jan Visser'");
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

test('Mette reads her pathway and its clock on her phone in Danish, and takes up a proposal', async () => {
  const { context, page } = await signedIn('mette');
  try {
    await page.goto(srv.url + '/me');
    const section = page.locator('section.pathway');
    assert.match(await section.innerText(), /Mit forløb/);
    assert.match(await section.innerText(), /Behandlingen startede .*inden for de 14 dage/);
    assert.match(await section.innerText(), /Nu: Udredning/);
    assert.match(await section.innerText(), /Dag 5 af ca\. 21/);
    await checkA11y(page, 'her page with her pathway');
    await assertNoHorizontalOverflow(page, 'her page with her pathway');
    await navigates(page, () => section.getByRole('link', { name: 'Alkoholbehandling (ambulant)' }).click());
    const main = await page.locator('main').innerText();
    for (const phase of ['Første henvendelse', 'Udredning', 'Efterbehandling'])
      assert.ok(main.includes(phase), phase);
    assert.match(main, /Vi venter på svar på blodprøverne fra lægen/, 'the reason for the change is shown to her');
    await checkA11y(page, 'her pathway');
    await assertNoHorizontalOverflow(page, 'her pathway');
    // She takes up the first proposal that goes into the plan as it is.
    const had = Number(srv.sql(`SELECT count(*) FROM pathway_item WHERE person_id='${mette}' AND status='accepted'`));
    await navigates(page, () => page.getByRole('button', { name: 'Føj til planen' }).first().click());
    assert.equal(Number(srv.sql(`SELECT count(*) FROM pathway_item WHERE person_id='${mette}' AND status='accepted'`)), had + 1);
    assert.match(await page.locator('main').innerText(), /Gemt\./);
    await checkA11y(page, 'her pathway after taking up a proposal');
  } finally {
    await context.close();
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`Jan reads the pathway he was offered before he chooses${javaScriptEnabled ? '' : ', without JavaScript'}`, async () => {
    const { context, page } = await signedIn('jan', { javaScriptEnabled });
    try {
      const id = srv.sql(`SELECT id FROM pathway WHERE person_id='${jan}'`);
      await page.goto(srv.url + `/persons/${jan}/pathways/${id}`);
      const main = await page.locator('main').innerText();
      assert.match(main, /Er begint niets tot je akkoord gaat/);
      assert.match(main, /andere zorgaanbieder/);
      await assertNoHorizontalOverflow(page, 'his offered pathway');
      if (javaScriptEnabled) await checkA11y(page, 'his offered pathway');
      assert.equal(srv.sql(`SELECT status FROM pathway WHERE id='${id}'`), 'offered');
    } finally {
      await context.close();
    }
  });
}

test('Peter adapts Mette\'s pathway on his phone; a missing reason is asked for at the field', async () => {
  const { context, page } = await signedIn('peter');
  try {
    const id = srv.sql(`SELECT id FROM pathway WHERE person_id='${mette}'`);
    await page.goto(srv.url + `/persons/${mette}/pathways/${id}/adapt`);
    await checkA11y(page, 'adapting a pathway');
    await assertNoHorizontalOverflow(page, 'adapting a pathway');
    const form = page.locator('section.adapt').filter({ hasText: 'Spring en fase over' });
    await navigates(page, () => form.getByRole('button', { name: 'Spring den over' }).click());
    assert.match(await page.locator('main').innerText(), /Udfyld venligst dette felt|Udfyld/);
    await checkA11y(page, 'adapting, with an error');
    assert.equal(srv.sql(`SELECT count(*) FROM pathway_deviation WHERE pathway_id='${id}'`), '1');
  } finally {
    await context.close();
  }
});
