// Messages on a 360x800 phone. Mette opens her messages from the header
// (its badge says one is unread), reads Karin's answer, and writes a new
// message to Karin, her coordinator; Karin then finds it unread in Mette's
// messages and opens it. Every page is checked with axe; nothing scrolls
// sideways. rosc's pages carry no script, so nothing here needs one.
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
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username IN ('mette', 'karin')");
  mette = srv.sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function phone(user, orgName) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(`${srv.url}/signin`);
  await signIn(page, user, DEMO_PASSWORD);
  if (orgName) await navigates(page, () => page.getByRole('button', { name: orgName }).click());
  return { context, page };
}

const path = (page) => new URL(page.url()).pathname;

async function check(page, label) {
  await assertNoHorizontalOverflow(page, label);
  await checkA11y(page, `${label} at 360 px`);
}

test('mette reads her messages and writes to her coordinator, on a phone', async () => {
  const { context, page } = await phone('mette');
  try {
    await navigates(page, () => page.goto(`${srv.url}/me`));
    // In the header, beside "My page": one unread, as a small badge.
    const link = page.locator('header a.unread[href="/me/messages"]');
    assert.equal(await link.getAttribute('href'), '/me/messages');
    assert.match(await link.innerText(), /^1/);
    await navigates(page, () => link.click());
    assert.equal(path(page), '/me/messages');
    await check(page, 'her messages');
    await navigates(page, () => page.getByRole('link', { name: 'Min første uge i køkkenet' }).click());
    assert.match(await page.locator('main').innerText(), /Det er godt at høre!/);
    await check(page, 'a thread');
    // Read now: the badge is gone.
    await navigates(page, () => page.goto(`${srv.url}/me/messages`));
    assert.equal(await page.locator('header a.unread').count(), 0);

    await navigates(page, () => page.getByRole('link', { name: 'Write a new message' }).click());
    assert.equal(path(page), '/me/messages/new');
    await check(page, 'a new message');
    // A mistake first: nothing chosen, the words kept.
    await page.getByLabel('Subject').fill('Vagter i næste uge');
    await page.getByLabel('Your message').fill('Hej Karin, kan vi flytte torsdag til fredag?');
    await navigates(page, () => page.getByRole('button', { name: 'Send' }).click());
    assert.equal(await page.getByLabel('Your message').inputValue(), 'Hej Karin, kan vi flytte torsdag til fredag?');
    await check(page, 'a new message with a mistake');
    await page.getByLabel(/Karin Madsen/).check();
    await navigates(page, () => page.getByRole('button', { name: 'Send' }).click());
    assert.match(path(page), /^\/me\/messages\/[0-9a-f]{32}$/);
    assert.match(await page.locator('main').innerText(), /kan vi flytte torsdag til fredag/);
    await check(page, 'the sent message');
  } finally {
    await context.close();
  }
});

test('karin sees the message unread and opens it', async () => {
  const { context, page } = await phone('karin', 'Socialforvaltningen Østerbro');
  try {
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
    await context.close();
  }
});
