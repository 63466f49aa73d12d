// Peer support on a 360x800 phone, the path in one go: Mette, at
// four in the afternoon on a Tuesday in Copenhagen, opens "Find a
// meeting" from her home page, asks for online meetings tonight, opens
// the Dutch one, saves it to her plan and finds it under "My meetings"
// beside the one she kept before; then, from the header (its badge says
// one message is unread), reads Karin's answer and writes to Karin, her
// coordinator, after a first try without a recipient that keeps her
// words. Karin, on her phone, finds the message unread in Mette's
// messages and opens it. One server and one browser; every page visited
// passes axe and nothing scrolls sideways. rosc's pages carry no script,
// so nothing here needs one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow,
} from './browser.mjs';

const PHONE = { width: 360, height: 800 };
const NOW = '2026-12-08T15:00:00Z';   // Tuesday 16:00 in Copenhagen
let srv, browser, mette;

before(async () => {
  [srv, browser] = await Promise.all([startRosc({ env: { ROSC_TEST_NOW: NOW } }), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username IN ('mette', 'karin')");
  mette = srv.sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function phone(user, orgName) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(`${srv.url}/signin`);
  const res = await signIn(page, user, DEMO_PASSWORD);
  assert.equal(res.status(), 200);
  if (orgName) await navigates(page, () => page.getByRole('button', { name: orgName }).click());
  return { context, page };
}

const path = (page) => new URL(page.url()).pathname;

async function check(page, label) {
  await assertNoHorizontalOverflow(page, label);
  await checkA11y(page, `${label} at 360 px`);
}

test('mette finds an online meeting tonight and writes to her coordinator, on a phone', async () => {
  const { context, page } = await phone('mette');
  try {
    let res = await navigates(page, () => page.goto(`${srv.url}/me`));
    assert.equal(res.status(), 200);
    await check(page, 'her home page');
    // In the header, beside "My page": one unread, as a small badge.
    const unread = page.locator('header a.unread[href="/me/messages"]');
    assert.match(await unread.innerText(), /^1/);

    // The meeting finder: online, today, tonight.
    res = await navigates(page, () =>
      page.locator('main').getByRole('link', { name: 'Find a meeting' }).first().click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), '/meetings');
    await check(page, 'the meeting finder');
    const form = page.getByRole('search', { name: 'Find a meeting' });
    await form.getByLabel('Day', { exact: true }).selectOption({ label: 'Today' });
    await form.getByLabel('Time of day').selectOption({ label: 'Tonight' });
    await form.getByLabel('Only online meetings').check();
    res = await navigates(page, () => form.getByRole('button', { name: 'Search' }).click());
    assert.equal(res.status(), 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('day'), 'today');
    assert.equal(url.searchParams.get('part'), 'tonight');
    assert.equal(url.searchParams.get('online'), '1');
    assert.equal(await form.getByLabel('Only online meetings').isChecked(), true, 'the form keeps it');
    const found = await page.locator('main li.card h3').allInnerTexts();
    assert.deepEqual(found, ['Aftenmødet online', 'Avondmeeting online'], 'soonest first');
    const times = await page.locator('main li.card time').allInnerTexts();
    assert.match(times[1], /Tuesday.*20:30/, 'tonight, in her time');
    await check(page, 'online meetings tonight');

    res = await navigates(page, () => page.getByRole('link', { name: 'Avondmeeting online' }).click());
    assert.equal(res.status(), 200);
    const main = page.locator('main');
    assert.ok(await main.getByRole('link', { name: 'Join by video' }).isVisible());
    assert.match(await main.innerText(), /Dutch/);
    await check(page, 'one meeting');
    res = await navigates(page, () => main.getByRole('button', { name: 'Save to my plan' }).click());
    assert.equal(res.status(), 200);
    assert.match(await main.getByRole('status').innerText(), /Saved to your plan/);
    assert.match(await main.innerText(), /This meeting is in your plan/);
    await check(page, 'the meeting, saved');
    res = await navigates(page, () => page.getByRole('link', { name: 'All meetings' }).click());
    assert.equal(res.status(), 200);
    await check(page, 'all meetings');
    res = await navigates(page, () => page.getByRole('link', { name: 'My meetings' }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), `/persons/${mette}/plan/meetings`);
    const mine = await page.locator('main li.card h2').allInnerTexts();
    assert.deepEqual(mine.sort(), ['Aftenmødet online', 'Avondmeeting online']);
    await check(page, 'my meetings');

    // Her messages, from the header badge.
    await navigates(page, () => unread.click());
    assert.equal(path(page), '/me/messages');
    await check(page, 'her messages');
    await navigates(page, () => page.getByRole('link', { name: 'Min første uge i køkkenet' }).click());
    assert.match(await main.innerText(), /Det er godt at høre!/);
    await check(page, 'a thread');
    // Read now: the badge is gone.
    await navigates(page, () => page.goto(`${srv.url}/me/messages`));
    assert.equal(await page.locator('header a.unread').count(), 0);

    await navigates(page, () => page.getByRole('link', { name: 'Write a new message' }).click());
    assert.equal(path(page), '/me/messages/new');
    await check(page, 'a new message');
    // A mistake first: nobody chosen, the words kept.
    await page.getByLabel('Subject').fill('Vagter i næste uge');
    await page.getByLabel('Your message').fill('Hej Karin, kan vi flytte torsdag til fredag?');
    await navigates(page, () => page.getByRole('button', { name: 'Send' }).click());
    assert.equal(await page.getByLabel('Your message').inputValue(), 'Hej Karin, kan vi flytte torsdag til fredag?');
    await check(page, 'a new message with a mistake');
    await page.getByLabel(/Karin Madsen/).check();
    await navigates(page, () => page.getByRole('button', { name: 'Send' }).click());
    assert.match(path(page), /^\/me\/messages\/[0-9a-f]{32}$/);
    assert.match(await main.innerText(), /kan vi flytte torsdag til fredag/);
    await check(page, 'the sent message');
  } finally {
    await context.close();
  }

  // Karin, her coordinator: unread, then read.
  const karin = await phone('karin', 'Socialforvaltningen Østerbro');
  try {
    const { page } = karin;
    await navigates(page, () => page.goto(`${srv.url}/persons/${mette}/messages`));
    const item = page.locator('main li.thread', { hasText: 'Vagter i næste uge' });
    assert.equal(await item.count(), 1);
    assert.match(await item.locator('.badge').innerText(), /1/);
    await check(page, 'Mette\'s messages for Karin');
    await navigates(page, () => item.getByRole('link').click());
    assert.match(await page.locator('main').innerText(), /kan vi flytte torsdag til fredag/);
    await check(page, 'the thread for Karin');
    await navigates(page, () => page.goto(`${srv.url}/persons/${mette}/messages`));
    assert.equal(await page.locator('main li.thread', { hasText: 'Vagter i næste uge' }).locator('.badge').count(), 0);
  } finally {
    await karin.context.close();
  }
});
