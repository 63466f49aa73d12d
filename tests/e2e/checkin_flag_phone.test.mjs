// A check-in on a 360 px phone, in Dutch, that tells the team: Jan taps
// through a check-in in a handful of taps, without typing, well within 30
// seconds, and says he used a little since last time. That raises one early
// warning (the use-reported rule, and no other) with a task for Daan, his
// coordinator at De Brug; his page says his team was told. Daan, on his
// phone, finds it among his follow-ups in plain words (why, what to do, by
// when), opens Jan's warnings and records what he did with a short note;
// Jan then reads on his own pages how it was followed up. The warning job
// runs in the background: the test polls for it. axe on every page; nothing
// scrolls sideways. The demo's own warnings (raised at start) may be there
// too: everything below looks for this one by its rule and its id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
const RULE = 'use-reported';
// The rule's own words (data/warning-rules.json), in Dutch.
const REASON_NL = 'Gebruik van alcohol of drugs gemeld bij een check-in';
const TASK_NL = 'Neem binnen 2 werkdagen contact op';
const NOTE = 'Gebeld en samen koffie gedronken; donderdag zien we elkaar weer.';

let srv, browser, jan, daan, flagId;
const sql = (query) => srv.sql(query);
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

async function until(ok, what, ms = 15000) {
  for (let t = 0; t < ms; t += 100) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-3000)}`);
}

/** A phone (its browser in English: the accounts speak Dutch); the keys
 * pressed on any page are counted. */
async function phone() {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, hasTouch: true });
  context.setDefaultTimeout(10000);
  await context.addInitScript(() => {
    addEventListener('keydown', () => {
      sessionStorage.setItem('keys', String(Number(sessionStorage.getItem('keys') || 0) + 1));
    }, true);
  });
  return context;
}
const keysPressed = async (page) => Number(await page.evaluate(() => sessionStorage.getItem('keys') || 0));

async function looksRight(page, label) {
  assert.equal(await page.getAttribute('html', 'lang'), 'nl', label);
  await checkA11y(page, label);
  await assertNoHorizontalOverflow(page, label);
}

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  sql("UPDATE user_account SET lang = 'nl' WHERE username IN ('jan', 'daan')");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  daan = sql("SELECT id FROM user_account WHERE username='daan'");
  // The start's own round of the rules first, so that what follows is ours.
  await until(() => Number(sql(`SELECT count(*) FROM job WHERE kind LIKE 'warnings%'
    AND (state = 'running' OR (state = 'queued' AND run_at_us <= ${Date.now() * 1000}))`)) === 0,
  'the start\'s warnings');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const flagsOf = (rule) => Number(sql(`SELECT count(*) FROM warning_flag WHERE person_id='${jan}' AND rule_code='${rule}'`));

test('Jan checks in on his phone, says he used a little, and his team is told', async () => {
  // Nothing of this kind about Jan yet: the demo's check-ins report no use.
  assert.equal(flagsOf(RULE), 0);
  const others = Number(sql(`SELECT count(*) FROM warning_flag WHERE person_id='${jan}'`));
  const context = await phone();
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, 'jan', DEMO_PASSWORD)).status(), 200);
  await page.goto(srv.url + '/me');
  await looksRight(page, 'his page');
  const keysBefore = await keysPressed(page);

  let taps = 0;
  const tap = async (locator) => { taps++; await locator.tap(); };
  const started = Date.now();
  await navigates(page, () => tap(page.locator('main a[href="/me/checkin"]').first()));
  await looksRight(page, 'the check-in form');
  await tap(page.locator('label[for="f-mood-2"]'));           // so-so
  await tap(page.locator('label[for="f-craving-5"]'));        // 5 of 10: not high
  const little = page.locator('main input[name="use"][value="little"]');
  await tap(page.locator(`label[for="${await little.getAttribute('id')}"]`));
  await tap(page.locator('label[for="f-sleep-2"]'));
  await tap(page.locator('label[for="f-supported-3"]'));
  assert.equal(await page.locator('input[name="use"]:checked').getAttribute('value'), 'little');
  const saved = await navigates(page, () => tap(page.locator('main form button[type="submit"]')));
  const took = Date.now() - started;
  assert.equal(saved.status(), 200);
  assert.ok(taps <= 7, `${taps} taps`);
  assert.ok(took < 30000, `the check-in took ${took} ms`);
  assert.equal(await keysPressed(page) - keysBefore, 0, 'no typing');
  assert.match(await page.locator('main h1').innerText(), /Jan/);
  await looksRight(page, 'the thank-you');
  const row = sql(`SELECT coalesce(use_since, '') || '|' || craving || '|' || coalesce(line, '')
    FROM checkin WHERE person_id='${jan}' ORDER BY at_us DESC LIMIT 1`);
  assert.equal(row, 'little|5|');

  // The job behind it raises one warning, for Daan, within moments.
  await until(() => flagsOf(RULE) === 1, 'the use-reported warning');
  flagId = sql(`SELECT id FROM warning_flag WHERE person_id='${jan}' AND rule_code='${RULE}'`);
  assert.equal(sql(`SELECT kind || '|' || category || '|' || assigned_user_id || '|' || coalesce(resolved_us, 0)
    FROM warning_flag WHERE id='${flagId}'`), `use_reported|substance|${daan}|0`);
  // That check-in raised this one only: no craving rule, nothing else.
  assert.equal(Number(sql(`SELECT count(*) FROM warning_flag WHERE person_id='${jan}'`)), others + 1);

  // His page says so, and who will get in touch.
  await page.goto(srv.url + '/me');
  const told = page.locator('main section.told');
  assert.equal(await told.count(), 1);
  const item = told.locator('li', { hasText: REASON_NL });
  assert.equal(await item.count(), 1);
  assert.match(await item.innerText(), /Daan de Vries/);
  await looksRight(page, 'his page, his team told');
  await context.close();
});

test('Daan finds it in his follow-ups, with why and by when, and records what he did', async () => {
  assert.ok(flagId, 'the warning from the check-in');
  const [raised, due] = sql(`SELECT raised_us || '|' || due_us FROM warning_flag WHERE id='${flagId}'`)
    .split('|').map(Number);
  // Two working days: two to four calendar days, at the same time of day.
  const days = (due - raised) / 86400e6;
  assert.ok(days >= 1.9 && days <= 4.1, `due ${days} days after it was raised`);

  const context = await phone();
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, 'daan', DEMO_PASSWORD)).status(), 200);
  await page.goto(srv.url + '/me/flags');
  await looksRight(page, 'his follow-ups');
  const href = `a[href="/persons/${jan}/flags#flag-${flagId}"]`;
  const task = page.locator('main li.flag.task', { has: page.locator(href) });
  assert.equal(await task.count(), 1);
  const link = task.locator(href);
  assert.equal((await link.innerText()).trim(), 'Jan Visser');
  const words = await task.innerText();
  assert.ok(words.includes(REASON_NL), words);
  assert.ok(words.includes(TASK_NL), words);
  // The due time, as a machine reads it and as a person does.
  const when = task.locator('time');
  assert.equal(await when.count(), 1);
  assert.ok(Math.abs(Date.parse(await when.getAttribute('datetime')) - due / 1000) < 1000,
    await when.getAttribute('datetime'));
  assert.ok((await when.innerText()).trim().length > 0);
  assert.equal(await task.locator('.overdue-mark').count(), 0);

  // Jan's warnings: this one open, with a way to record the follow-up.
  await navigates(page, () => link.tap());
  assert.equal(new URL(page.url()).pathname, `/persons/${jan}/flags`);
  await looksRight(page, 'Jan\'s warnings');
  const art = page.locator(`main li#flag-${flagId}`);
  assert.match(await art.getAttribute('class'), /\bopen\b/);
  assert.equal((await art.locator('h2').innerText()).trim(), REASON_NL);
  assert.match(await art.innerText(), new RegExp(TASK_NL));
  await art.locator('details.resolve summary').tap();
  await art.locator(`label[for="r-${flagId}-reached"]`).tap();
  await art.locator('textarea[name="note"]').fill(NOTE);
  await checkA11y(page, 'the follow-up form');
  await assertNoHorizontalOverflow(page, 'the follow-up form');
  const res = await navigates(page, () => art.locator('button[type="submit"]').tap());
  assert.equal(res.status(), 200);
  assert.ok(new URL(page.url()).searchParams.has('saved'), page.url());
  assert.equal(sql(`SELECT resolution || '|' || resolved_by || '|' || resolution_note
    FROM warning_flag WHERE id='${flagId}' AND resolved_us IS NOT NULL`), `reached|${daan}|${NOTE}`);
  const done = page.locator(`main li#flag-${flagId}`);
  assert.match(await done.getAttribute('class'), /\bdone\b/);
  assert.equal((await done.locator('q').innerText()).trim(), NOTE);
  assert.equal(await done.locator('form').count(), 0);
  await looksRight(page, 'Jan\'s warnings, followed up');
  // Done, it leaves his list of follow-ups.
  await page.goto(srv.url + '/me/flags');
  assert.equal(await page.locator(`main a[href$="#flag-${flagId}"]`).count(), 0);
  await looksRight(page, 'his follow-ups, done');
  await context.close();
});

test('Jan reads on his own pages that his team was told, and how it was followed up', async () => {
  assert.ok(flagId, 'the warning from the check-in');
  const context = await phone();
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  assert.equal((await signIn(page, 'jan', DEMO_PASSWORD)).status(), 200);
  await page.goto(srv.url + '/me');
  await looksRight(page, 'his page');
  // Followed up, it is no longer among what his team is still to do.
  assert.equal(await page.locator('main section.told li', { hasText: REASON_NL }).count(), 0);
  await navigates(page, () => page.locator(`main a[href="/persons/${jan}/flags"]`).first().tap());
  await looksRight(page, 'when his team was told');
  const art = page.locator(`main li#flag-${flagId}`);
  assert.match(await art.getAttribute('class'), /\bdone\b/);
  assert.equal((await art.locator('h2').innerText()).trim(), REASON_NL);
  const words = await art.innerText();
  assert.ok(words.includes('Daan de Vries'), words);   // who was told, who followed up
  assert.ok(words.includes(TASK_NL), words);           // what they were asked to do
  assert.equal((await art.locator('q').innerText()).trim(), NOTE);
  // He reads it; he does not record follow-ups himself.
  assert.equal(await page.locator('main details.resolve').count(), 0);
  await context.close();
});
