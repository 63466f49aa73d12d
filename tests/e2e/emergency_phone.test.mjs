// Breaking the glass and looking back at it, on a 360 px phone. Lars, a
// doctor his organisation admin gave the right, finds Sam by national id
// (Sam is not in his care), asks for emergency access with a reason and
// reads the record. Anne, organisation admin of Sam's home organisation,
// then reviews it from her caseload. Else, a volunteer, finds nobody.
// Every page is checked with axe; nothing scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow, setUpSecondFactor,
} from './browser.mjs';

let srv;
let browser;
let samNid;
before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username IN ('lars', 'anne', 'else')");
  // A national id for Sam, so he can be found.
  srv.sql("UPDATE person SET national_id = '150585-4321' WHERE display_name = 'Sam'");
  samNid = '150585-4321';
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function phone(user) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(`${srv.url}/signin`);
  await signIn(page, user, DEMO_PASSWORD);
  return { context, page };
}

const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

async function check(page, label) {
  await assertNoHorizontalOverflow(page, label);
  await checkA11y(page, `${label} at 360 px`);
}

test('lars breaks the glass for Sam, with a reason, and reads his record', async () => {
  const { context, page } = await phone('lars');
  try {
    await navigates(page, () => page.goto(`${srv.url}/persons/find`));
    await check(page, 'the finder');
    await page.getByLabel('National id').fill(samNid);
    await navigates(page, () => page.getByRole('button', { name: 'Find' }).click());
    assert.match(await mainText(page), /A person with this national id is registered in rosc\./);
    assert.doesNotMatch(await mainText(page), /Sam/, 'nothing about him shows');
    await check(page, 'the finder, found');
    await navigates(page, () => page.getByRole('link', { name: 'Ask for emergency access' }).click());
    // Without a second factor, the page says what to do first.
    assert.match(await mainText(page), /Emergency access needs a second factor/);
    await check(page, 'the emergency form without a second factor');
    const form = page.url();
    await setUpSecondFactor(page, srv.url);
    await navigates(page, () => page.goto(form));
    await check(page, 'the emergency form');
    // No reason: asked again, nothing opened.
    await navigates(page, () => page.getByRole('button', { name: 'Open the record in an emergency' }).click());
    assert.match(await mainText(page), /Please fill this in/);
    await check(page, 'the emergency form, sent back');
    await page.getByLabel('Why you need access now').fill('He is here, confused; I need his medication list.');
    await navigates(page, () => page.getByRole('button', { name: 'Open the record in an emergency' }).click());
    assert.match(await page.locator('h1').innerText(), /Sam/);
    assert.match(await mainText(page), /You have emergency access until/);
    await check(page, 'Sam’s record in an emergency');
  } finally {
    await context.close();
  }
});

test('anne reviews the emergency accesses to her organisation’s people', async () => {
  const { context, page } = await phone('anne');
  try {
    await navigates(page, () => page.goto(`${srv.url}/persons`));
    await navigates(page, () => page.getByRole('link', { name: 'Emergency accesses to review' }).click());
    assert.equal(new URL(page.url()).pathname, '/emergencies');
    await check(page, 'the review');
    const text = await mainText(page);
    assert.match(text, /2 wait for review\./);
    assert.match(text, /He is here, confused; I need his medication list\./);
    const first = page.locator('main li.card').first();
    await first.getByLabel('What you concluded (optional)').fill('Justified. Sam has been told.');
    await navigates(page, () => first.getByRole('button', { name: 'Mark as reviewed' }).click());
    assert.match(await mainText(page), /Marked as reviewed\. 1 waits for review\./);
    assert.match(await mainText(page), /Reviewed by Anne Holm on .*Justified\. Sam has been told\./);
    await check(page, 'the review, one done');
  } finally {
    await context.close();
  }
});

test('else, a volunteer, finds nobody and is offered nothing', async () => {
  const { context, page } = await phone('else');
  try {
    await navigates(page, () => page.goto(`${srv.url}/persons/find?nid=${samNid}`));
    const text = await mainText(page);
    assert.match(text, /No person with exactly this national id\./);
    assert.doesNotMatch(text, /emergency/i);
    await check(page, 'the finder for a volunteer');
  } finally {
    await context.close();
  }
});
