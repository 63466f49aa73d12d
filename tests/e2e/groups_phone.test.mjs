// Peer groups on a 360x800 phone. Sam, a person in recovery in
// Copenhagen, opens "Peer groups" from his own page, looks for a Danish
// group that meets in person on Tuesdays, opens the one on Østerbro, reads
// what joining means and joins it; his page then shows it. No page scrolls
// sideways, and every page passes axe. Then Jonas, who facilitates the
// group, marks on his phone who came and writes the session's note; and
// a person sets aside an idea they do not want.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username IN ('sam', 'jonas', 'mette')");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function fits(page, label) {
  await assertNoHorizontalOverflow(page, label);
  await checkA11y(page, `${label} at 360 px`);
}

test('a person on a phone finds a group near them and joins it', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  try {
    await page.goto(srv.url + '/signin');
    assert.equal((await signIn(page, 'sam', DEMO_PASSWORD)).status(), 200);
    await fits(page, 'his own page');
    let res = await navigates(page, () =>
      page.locator('main').getByRole('link', { name: 'Find a peer group near you or online' }).click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/groups');
    await fits(page, 'the peer groups');

    const form = page.getByRole('search', { name: 'Find a peer group' });
    await form.getByLabel('Language').selectOption({ label: 'Danish' });
    await form.getByLabel('Where').selectOption({ label: 'In person' });
    await form.getByLabel('Day').selectOption({ label: 'Tuesday' });
    res = await navigates(page, () => form.getByRole('button', { name: 'Find groups' }).click());
    assert.equal(res.status(), 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('language'), 'da');
    assert.equal(url.searchParams.get('day'), '1');
    const found = await page.locator('main section[aria-labelledby="s-open"] li.group h3').allInnerTexts();
    assert.deepEqual(found, ['Tirsdagsgruppen på Østerbro']);
    await fits(page, 'the groups found');

    res = await navigates(page, () => page.getByRole('link', { name: 'Tirsdagsgruppen på Østerbro' }).click());
    assert.equal(res.status(), 200);
    const main = page.locator('main');
    assert.match(await main.innerText(), /Every Tuesday at 18:00/);
    assert.match(await main.innerText(), /When you join, you agree that Jonas Kristensen, the facilitator/);
    await fits(page, 'the group');

    res = await navigates(page, () => main.getByRole('button', { name: 'Join this group' }).click());
    assert.equal(res.status(), 200);
    assert.match(await main.innerText(), /You have joined the group/);
    assert.match(await main.innerText(), /You are a member/);
    await fits(page, 'the group, joined');
    const sam = srv.sql("SELECT id FROM person WHERE display_name = 'Sam'");
    assert.equal(srv.sql(`SELECT count(*) FROM peer_group_member WHERE person_id = '${sam}'`), '1');

    await page.goto(srv.url + '/me');
    assert.match(await page.locator('main').innerText(), /Tirsdagsgruppen på Østerbro/);
    await fits(page, 'his own page with the group');
  } finally {
    await context.close();
  }
});

test('the facilitator on a phone marks who came and writes the note', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  try {
    await page.goto(srv.url + '/signin');
    assert.equal((await signIn(page, 'jonas', DEMO_PASSWORD)).status(), 200);
    let res = await page.goto(srv.url + '/groups');
    assert.equal(res.status(), 200);
    await fits(page, 'the groups, for staff');
    res = await navigates(page, () =>
      page.locator('main section[aria-labelledby="s-ours"]').getByRole('link', { name: 'Tirsdagsgruppen på Østerbro' }).click());
    assert.equal(res.status(), 200);
    await fits(page, 'the group, for its facilitator');
    const main = page.locator('main');
    const mette = main.getByLabel('Mette Larsen');
    await mette.uncheck();
    res = await navigates(page, () => main.getByRole('button', { name: 'Save who came' }).click());
    assert.equal(res.status(), 200);
    assert.equal(await main.getByLabel('Mette Larsen').isChecked(), false);
    await main.getByLabel('Mette Larsen').check();
    res = await navigates(page, () => main.getByRole('button', { name: 'Save who came' }).click());
    assert.equal(await main.getByLabel('Mette Larsen').isChecked(), true);
    await main.getByLabel(/Note on the session of/).fill('Vi talte om at sige nej tak til en øl.');
    res = await navigates(page, () => main.getByRole('button', { name: 'Save the note' }).click());
    assert.equal(res.status(), 200);
    assert.match(await main.innerText(), /Vi talte om at sige nej tak til en øl\./);
    await fits(page, 'the group after saving');
  } finally {
    await context.close();
  }
});

test('a person sets an idea aside on a phone, and it stays away', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  try {
    await page.goto(srv.url + '/signin');
    assert.equal((await signIn(page, 'mette', DEMO_PASSWORD)).status(), 200);
    await page.getByRole('link', { name: 'Ideas for you' }).click();
    await page.waitForURL('**/me/ideas');
    const ideas = page.locator('main ul.ideas');
    const first = (await ideas.locator('h2').first().innerText()).trim();
    await fits(page, 'her ideas');
    const res = await navigates(page, () => ideas.getByRole('button', { name: `Not for me: ${first}` }).click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/me/ideas');
    const left = await page.locator('main ul.ideas h2').allInnerTexts();
    assert.ok(!left.map((t) => t.trim()).includes(first), `${first} is gone: ${left.join(' | ')}`);
  } finally {
    await context.close();
  }
});
