// A person decides who sees what, in a real browser on a phone. Henrik
// (Boligselskabet Havnely, a housing organisation in Mette's network) opens
// Mette's overview; Mette, on her own page, stops sharing her basic details
// and her plan with Havnely; Henrik's next look is refused in plain words
// and she is gone from his list; and Mette sees his earlier read in "Who
// looked at my record". Then her own pages at 320×640 in light and dark.
// Every page visited is checked with axe (WCAG 2.1 A and AA); screenshots
// go to build-check/screenshots/ for a person to look at.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, ROOT, DEMO_PASSWORD } from '../lib/rosc.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow,
} from './browser.mjs';

const SHOTS = join(ROOT, 'build-check', 'screenshots');
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };

const NORDLYS = 'Behandlingscenter Nordlys';
const HAVNELY = 'Boligselskabet Havnely';
const BASIC = 'Basic details (name, contact, my people)';
const PLAN = 'My plan and goals';

let srv;
let browser;

function sql(q) {
  return srv.sql(q);
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  // The pages are checked in English, whatever the demo saved (mette: Danish).
  sql("UPDATE user_account SET lang = 'en' WHERE username IN ('mette', 'henrik', 'peter')");
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** A new context (fresh cookies) and page; the caller closes the context. */
async function open(options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, ...options });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  return { context, page };
}

const path = (page) => new URL(page.url()).pathname;
const query = (page, name) => new URL(page.url()).searchParams.get(name);
const h1 = async (page) => (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
const accountNav = (page) => page.locator('header nav.account');
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** Signs in from the sign-in page (checked with axe), as user. */
async function signInAs(page, user, label) {
  const res = await page.goto(srv.url + '/signin');
  assert.equal(res.status(), 200);
  await checkA11y(page, `/signin (${label})`);
  const signedIn = await signIn(page, user, DEMO_PASSWORD);
  assert.equal(signedIn.status(), 200, `${user} is signed in`);
  return signedIn;
}

/** The rows of "My people" (staff, /persons) as their text. */
async function caseloadRows(page) {
  return (await page.locator('main table tbody tr').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

/** The card of one recipient on What I share (a region named by its heading). */
const recipientCard = (page, name) =>
  page.locator('main section.card.consent').filter({ has: page.getByRole('heading', { name, exact: true, level: 3 }) });

describe("Mette stops sharing with Havnely; Henrik's view follows", () => {
  let henrik;  // { context, page }
  let mette;
  let overviewUrl;

  before(async () => {
    [henrik, mette] = await Promise.all([open(), open()]);
  });
  after(async () => {
    await henrik?.context.close();
    await mette?.context.close();
  });

  test("Henrik opens Mette's overview from My people", async () => {
    const { page } = henrik;
    await signInAs(page, 'henrik', 'henrik');
    assert.equal(path(page), '/persons', 'staff land on their people');
    assert.equal((await accountNav(page).locator('.org').textContent()).trim(), HAVNELY);
    await checkA11y(page, '/ as henrik');

    const res = await navigates(page, () => accountNav(page).getByRole('link', { name: 'My people', exact: true }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), '/persons');
    assert.equal(await h1(page), 'My people');
    const rows = await caseloadRows(page);
    assert.ok(rows.some((r) => r.includes('Mette Larsen')), `Mette is in his list: ${JSON.stringify(rows)}`);
    await shot(page, 'persons-henrik-390x844-light');
    await checkA11y(page, '/persons as henrik');

    const row = page.locator('main table tbody tr').filter({ hasText: 'Mette Larsen' });
    const opened = await navigates(page, () => row.getByRole('link').first().click());
    assert.equal(opened.status(), 200, "Mette's overview answers 200");
    assert.match(path(page), /^\/persons\/[0-9a-f]{32}$/);
    overviewUrl = page.url();
    assert.match(await h1(page), /^Mette\b/);
    const text = await mainText(page);
    assert.ok(text.includes('Registered as Mette Larsen.'), 'her registered name');
    assert.ok(text.includes(NORDLYS), 'her home organisation');
    assert.ok(text.includes('Henrik Lund'), 'her network, with him in it');
    await shot(page, 'person-overview-henrik-390x844-light');
    await checkA11y(page, `${path(page)} (Mette's overview) as henrik`);
  });

  test('Mette, on her phone, lands on her own page and sees her people', async () => {
    const { page } = mette;
    await signInAs(page, 'mette', 'mette');
    assert.equal(path(page), '/me', 'a person lands on her own page');
    assert.equal(await h1(page), 'Hello, Mette');

    const people = page.getByRole('region', { name: 'My people', exact: true });
    // Her people fold away below her own links; a tap opens them.
    await people.locator('details > summary').click();
    const names = (await people.locator('h3').allInnerTexts()).map((s) => s.trim());
    for (const name of ['Peter Sørensen', 'Karin Madsen', 'Henrik Lund']) {
      assert.ok(names.includes(name), `${name} is in My people: ${JSON.stringify(names)}`);
    }
    const henrikCard = people.locator('li.card').filter({ has: page.getByRole('heading', { name: 'Henrik Lund' }) });
    assert.ok((await henrikCard.innerText()).includes(HAVNELY), 'Henrik is shown with his organisation');

    const record = page.getByRole('navigation', { name: 'My record', exact: true });
    for (const name of ['Who looked at my record', 'What I share', 'Notes about me', 'My data']) {
      const link = typeof name === 'string' ? record.getByRole('link', { name, exact: true }) : record.getByRole('link', { name });
      assert.ok(await link.isVisible(), `a card "${name}"`);
    }
    await shot(page, 'me-mette-390x844-light');
    await checkA11y(page, '/me as mette');
  });

  test('Mette stops sharing her basic details and her plan with Havnely', async () => {
    const { page } = mette;
    const res = await navigates(page, () => page.getByRole('navigation', { name: 'My record', exact: true })
      .getByRole('link', { name: 'What I share', exact: true }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), '/me/consents');
    assert.equal(await h1(page), 'What I share');
    await checkA11y(page, '/me/consents');

    for (const [code, label] of [['basic', BASIC], ['plan', PLAN]]) {
      const card = recipientCard(page, HAVNELY);
      assert.equal(await card.count(), 1, `one card for ${HAVNELY}`);
      const stop = card.getByRole('button', { name: `Stop sharing ${label} with ${HAVNELY}`, exact: true });
      assert.equal(await stop.count(), 1, `a "Stop sharing ${label}" button for ${HAVNELY}`);
      const toggle = card.locator('li.toggle').filter({ hasText: label });
      assert.equal((await toggle.locator('.state').textContent()).trim(), 'Shared', `${label} is shared before`);

      const saved = await navigates(page, () => stop.click());
      assert.equal(saved.status(), 200);
      assert.equal(path(page), '/me/consents');
      assert.equal(query(page, 'saved'), 'no');
      assert.equal(query(page, 'cat'), code);

      // The confirmation is in Havnely's own card, and announced.
      const havnely = recipientCard(page, HAVNELY);
      const notice = havnely.locator('.notice[role="status"]');
      assert.equal(await notice.count(), 1, 'a notice in the card');
      assert.equal((await notice.textContent()).trim(), `Saved: ${HAVNELY} no longer sees “${label}”.`);
      assert.ok(await notice.isVisible());
      // On a phone the page opens at her card (#r-…), so she sees it without scrolling.
      const box = await notice.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: window.innerHeight };
      });
      assert.ok(box.top >= 0 && box.bottom <= box.height,
        `the confirmation is on screen after saving: ${JSON.stringify(box)}`);
      const now = havnely.locator('li.toggle').filter({ hasText: label });
      assert.equal((await now.locator('.state').textContent()).trim(), 'Not shared', `${label} is not shared now`);
      assert.ok(await havnely.getByRole('button', { name: `Share ${label} with ${HAVNELY}`, exact: true }).isVisible(),
        'the button now offers to share again');
      // …and in the list of changes.
      const changes = page.getByRole('region', { name: 'Changes', exact: true });
      assert.ok((await changes.innerText()).includes(`You stopped sharing “${label}” with ${HAVNELY}.`),
        'the change is listed');
      await shot(page, `consents-saved-${code}-390x844-light`);
      await checkA11y(page, `/me/consents?saved=no&cat=${code}`);
    }
    // Other recipients keep what they had.
    const osterbro = recipientCard(page, 'Socialforvaltningen Østerbro');
    assert.equal((await osterbro.locator('li.toggle').filter({ hasText: BASIC }).locator('.state').textContent()).trim(),
      'Shared', 'Østerbro still sees her basic details');
  });

  test("Henrik's next look is refused, in plain words, and she leaves his list", async () => {
    const { page } = henrik;
    assert.ok(overviewUrl, "Henrik had opened Mette's overview");
    assert.equal(page.url(), overviewUrl);
    const res = await navigates(page, () => page.reload());
    assert.equal(res.status(), 403, 'the overview answers 403 now');
    assert.equal(page.url(), overviewUrl, 'the same address');
    assert.equal(await h1(page), 'Not shared with you');
    const text = await mainText(page);
    assert.ok(text.includes(`The person has not shared this with you: ${BASIC}.`),
      `what is not shared, in plain words: ${text}`);
    assert.ok(!text.includes('Mette'), 'nothing of her record shows');
    assert.ok(!text.includes('+45'), 'no contact details show');
    await shot(page, 'person-403-henrik-390x844-light');
    await checkA11y(page, `${path(page)} (403) as henrik`);

    const back = await navigates(page, () => page.locator('main').getByRole('link', { name: 'Back to my people', exact: true }).click());
    assert.equal(back.status(), 200);
    assert.equal(path(page), '/persons');
    const rows = await caseloadRows(page);
    assert.ok(!rows.some((r) => r.includes('Mette')), `Mette is no longer in his list: ${JSON.stringify(rows)}`);
    assert.equal(await page.locator(`main a[href="${new URL(overviewUrl).pathname}"]`).count(), 0,
      'no link to her overview');
    assert.equal((await page.locator('main .count[role="status"]').textContent()).trim(), `${rows.length} ${rows.length === 1 ? 'person' : 'people'}.`,
      'the count matches the rows shown');
    await shot(page, 'persons-henrik-after-390x844-light');
    await checkA11y(page, '/persons as henrik (after Mette stopped sharing)');
  });

  test('Mette sees Henrik and his earlier read in "Who looked at my record"', async () => {
    const { page } = mette;
    await navigates(page, () => page.locator('main').getByRole('link', { name: 'Back to my page', exact: true }).click());
    assert.equal(path(page), '/me');
    await checkA11y(page, '/me as mette (after the changes)');

    const res = await navigates(page, () => page.getByRole('navigation', { name: 'My record', exact: true })
      .getByRole('link', { name: 'Who looked at my record', exact: true }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), '/me/log');
    assert.equal(await h1(page), 'Who looked at my record');

    const recent = page.getByRole('region', { name: 'The last 90 days', exact: true });
    const card = recent.locator('li.card').filter({ has: page.getByRole('heading', { name: `Henrik Lund, ${HAVNELY}`, exact: true }) });
    assert.equal(await card.count(), 1, `a card for Henrik Lund, ${HAVNELY}`);
    const lines = (await card.locator('ul > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.ok(lines.some((l) => /^Opened your basic details once — on .+ \(you shared it with them\)$/.test(l)),
      `his read of her basic details, and why he could: ${JSON.stringify(lines)}`);

    const every = page.getByRole('region', { name: 'Every entry', exact: true });
    const entries = (await every.locator('li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.ok(entries.some((e) => e.includes(`Henrik Lund, ${HAVNELY}: Opened your basic details`)),
      `the read is listed entry by entry: ${JSON.stringify(entries)}`);
    await shot(page, 'me-log-mette-390x844-light');
    await checkA11y(page, '/me/log as mette');
  });
});

describe("Mette's own pages at 320×640", () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`/me, /me/consents, /me/log and /me/data at 320x640 ${colorScheme}`, async () => {
      const { context, page } = await open({ viewport: NARROW, colorScheme });
      const size = `${NARROW.width}x${NARROW.height}`;
      try {
        await signInAs(page, 'mette', `mette at ${size} ${colorScheme}`);
        assert.equal(path(page), '/me');
        for (const [route, name, overflow] of [
          ['/me', 'me', true],
          ['/me/consents', 'me-consents', true],
          ['/me/log', 'me-log', true],
          ['/me/data', 'me-data', true],
        ]) {
          if (path(page) !== route) {
            const res = await page.goto(srv.url + route);
            assert.equal(res.status(), 200, route);
          }
          await shot(page, `${name}-${size}-${colorScheme}`);
          if (overflow) await assertNoHorizontalOverflow(page, `${route} at ${size} ${colorScheme}`);
          await checkA11y(page, `${route} at ${size} ${colorScheme}`);
        }
        // "My data" offers the file with its type and size.
        const dl = page.getByRole('link', { name: /^Download my data \(JSON, about \d+ kB\)$/ });
        assert.ok(await dl.isVisible(), 'the download link on /me/data');
      } finally {
        await context.close();
      }
    });
  }
});
