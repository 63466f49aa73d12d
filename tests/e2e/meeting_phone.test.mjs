// The self-help meeting finder on a 360x800 phone. Mette, at four in the
// afternoon on a Tuesday in Copenhagen, opens "Find a meeting" from her
// home page, asks for online meetings today, opens the Dutch one that
// starts tonight, joins nothing yet but saves it to her plan, and finds
// it under "My meetings" beside the one she kept before. Every page fits
// the screen and passes axe.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, assertNoHorizontalOverflow, signIn } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
const NOW = '2026-12-08T15:00:00Z';   // Tuesday 16:00 in Copenhagen
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startRosc({ env: { ROSC_TEST_NOW: NOW } }), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'mette'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function fits(page, label) {
  await assertNoHorizontalOverflow(page, label);
  await checkA11y(page, `${label} at 360 px`);
}

describe('a person finds an online meeting tonight on her phone', () => {
  let context, page;
  before(async () => {
    context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
    context.setDefaultTimeout(10000);
    page = await context.newPage();
  });
  after(async () => { await context?.close(); });

  test('search online and today, open one, save it to her plan', async () => {
    await page.goto(srv.url + '/signin');
    let res = await signIn(page, 'mette', DEMO_PASSWORD);
    assert.equal(res.status(), 200);
    res = await navigates(page, () =>
      page.locator('main').getByRole('link', { name: 'Find a meeting' }).first().click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/meetings');
    await fits(page, 'the meeting finder');

    const form = page.getByRole('search', { name: 'Find a meeting' });
    await form.getByLabel('Day', { exact: true }).selectOption({ label: 'Today' });
    await form.getByLabel('Only online meetings').check();
    res = await navigates(page, () => form.getByRole('button', { name: 'Search' }).click());
    assert.equal(res.status(), 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('day'), 'today');
    assert.equal(url.searchParams.get('online'), '1');
    assert.equal(await form.getByLabel('Only online meetings').isChecked(), true, 'the form keeps it');
    const found = await page.locator('main li.card h3').allInnerTexts();
    assert.deepEqual(found, ['Aftenmødet online', 'Avondmeeting online'], 'soonest first');
    const times = await page.locator('main li.card time').allInnerTexts();
    assert.match(times[1], /Tuesday.*20:30/, 'tonight, in her time');
    await fits(page, 'online meetings today');

    res = await navigates(page, () => page.getByRole('link', { name: 'Avondmeeting online' }).click());
    assert.equal(res.status(), 200);
    const main = page.locator('main');
    assert.ok(await main.getByRole('link', { name: 'Join by video' }).isVisible());
    assert.match(await main.innerText(), /Dutch/);
    await fits(page, 'one meeting');

    res = await navigates(page, () => main.getByRole('button', { name: 'Save to my plan' }).click());
    assert.equal(res.status(), 200);
    assert.match(await main.getByRole('status').innerText(), /Saved to your plan/);
    assert.match(await main.innerText(), /This meeting is in your plan/);
    await fits(page, 'the meeting, saved');

    res = await navigates(page, () => page.getByRole('link', { name: 'All meetings' }).click());
    res = await navigates(page, () => page.getByRole('link', { name: 'My meetings' }).click());
    assert.equal(res.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/persons\/[0-9a-f]{32}\/plan\/meetings$/);
    const mine = await page.locator('main li.card h2').allInnerTexts();
    assert.deepEqual(mine.sort(), ['Aftenmødet online', 'Avondmeeting online']);
    await fits(page, 'my meetings');
  });
});
