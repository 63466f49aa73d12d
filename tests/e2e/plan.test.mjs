// The plan in a real browser, on a phone. Mette opens her own page (help
// first: "Need help now?" with numbers to call), then "My plan": the star
// chart of her self-ratings with its text alternative and table; she adds a
// goal in her own words, two small steps (one for herself, one for Karin,
// her coordinator), and marks her own step done with one tap. Karin, for
// Socialforvaltningen Østerbro, finds the new step in "My tasks", soonest
// first, linked to the goal. Then the print view (on screen, as print
// media, and as a PDF), and the plan and goal pages at 320×640 in light and
// dark. Every page visited is checked with axe (WCAG 2.1 A and AA);
// screenshots go to build-check/screenshots/ for a person to look at.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, ROOT, DEMO_PASSWORD } from '../lib/rosc.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow,
} from './browser.mjs';

const SHOTS = join(ROOT, 'build-check', 'screenshots');
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };

const OSTERBRO = 'Socialforvaltningen Østerbro';
const GOAL = 'Walk to the harbour every morning';
const WHY = 'Fresh air helps me sleep';
const OWN_STEP = 'Buy good shoes';
const KARIN_STEP = 'Find a walking group';

let srv;
let browser;

function sql(q) {
  return srv.sql(q);
}

/** A date n days from today (UTC, as the server counts), as YYYY-MM-DD. */
function inDays(n) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  // The pages are checked in English, whatever the demo saved.
  sql("UPDATE user_account SET lang = 'en'");
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
const squash = (s) => s.replace(/\s+/g, ' ').trim();
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

/** One step of the goal page's list, by its title. */
const stepItem = (page, title) =>
  page.locator('main ol.steps > li.step').filter({ has: page.getByRole('heading', { name: title, exact: true, level: 3 }) });

/** Adds a step through the goal page's "Add a step" form; returns the response. */
async function addStep(page, { title, ownerLabel, due }) {
  const details = page.locator('main details#add-step');
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator('summary').click();
  }
  assert.ok(await details.evaluate((d) => d.open), '"Add a step" is open');
  await details.getByLabel('The step', { exact: true }).fill(title);
  const owner = details.getByLabel('Who does it', { exact: true });
  const labels = (await owner.locator('option').allTextContents()).map(squash);
  const label = labels.find((l) => ownerLabel instanceof RegExp ? ownerLabel.test(l) : l === ownerLabel);
  assert.ok(label, `a choice ${ownerLabel} in "Who does it": ${JSON.stringify(labels)}`);
  await owner.selectOption({ label });
  await details.getByLabel('By when (optional)', { exact: true }).fill(due);
  return navigates(page, () => details.getByRole('button', { name: 'Add the step', exact: true }).click());
}

// Shared between the tests below (they run in order).
let mette;          // { context, page } on the phone
let personId;
let planPath;
let goalPath;

describe('Mette works on her plan on her phone', () => {
  before(async () => { mette = await open(); });
  // Mette's context stays open for the print view; closed at the end of the file.

  test('her page puts "Need help now?" first; she opens My plan', async () => {
    const { page } = mette;
    await signInAs(page, 'mette', 'mette');
    assert.equal(path(page), '/me', 'a person lands on her own page');
    assert.equal(await h1(page), 'Hello, Mette');

    const help = page.getByRole('region', { name: 'Need help now?', exact: true });
    assert.equal(await help.count(), 1, 'a "Need help now?" region');
    assert.ok(await help.isVisible(), '"Need help now?" is visible');
    const calls = help.locator('a[href^="tel:"]');
    assert.ok(await calls.count() >= 1, 'at least one number to call');
    assert.ok(await calls.first().isVisible(), 'the first number to call is visible');
    assert.match(await calls.first().getAttribute('href'), /^tel:\+?\d{4,}$/, 'a dialable tel: link');
    // Near the top: right after the greeting, starting within the first screen.
    const sections = await page.locator('main > section').evaluateAll(
      (els) => els.map((e) => e.getAttribute('aria-labelledby') || e.className));
    assert.equal(sections[1], 's-help', `help comes right after the greeting: ${JSON.stringify(sections)}`);
    const box = await help.boundingBox();
    assert.ok(box && box.y < PHONE.height / 2, `the block starts in the top half of the screen: y=${box?.y}`);
    const callBox = await calls.first().boundingBox();
    assert.ok(callBox.y + callBox.height <= PHONE.height, `the first call button is on the first screen: ${JSON.stringify(callBox)}`);
    assert.ok(callBox.height >= 44, `the call button is a big target: ${callBox.height}px`);
    await shot(page, 'me-help-mette-390x844-light');
    await checkA11y(page, '/me as mette');

    const myPlan = page.getByRole('navigation', { name: 'My record', exact: true })
      .getByRole('link', { name: 'My plan', exact: true });
    const res = await navigates(page, () => myPlan.click());
    assert.equal(res.status(), 200);
    assert.match(path(page), /^\/persons\/[0-9a-f]{32}\/plan$/);
    planPath = path(page);
    personId = planPath.split('/')[2];
    assert.equal(await h1(page), 'My plan');
    await checkA11y(page, `${planPath} (My plan) as mette`);
  });

  test('the star chart is an image with a name, and the ratings are a table', async () => {
    const { page } = mette;
    const svg = page.locator('main #progress svg.chart-radar');
    assert.equal(await svg.count(), 1, 'one star chart');
    assert.ok(await svg.isVisible(), 'the star chart is visible');
    assert.equal(await svg.getAttribute('role'), 'img');
    const title = squash(await svg.locator('title').textContent());
    const desc = squash(await svg.locator('desc').textContent());
    assert.equal(title, 'Self-ratings: a star chart');
    assert.match(desc, /^The latest self-rating of each part of life, from 1 \(very hard\) to 10 \(very good\): /);
    assert.ok(desc.includes('Physical health 6'), `the description carries the values: ${desc}`);
    // The accessible name, as assistive technology gets it (aria-labelledby → title, desc).
    const named = page.getByRole('img', { name: /^Self-ratings: a star chart/ });
    assert.equal(await named.count(), 1, 'the chart is found by its role and name');

    const table = page.getByRole('table', { name: 'The latest rating of each part of life', exact: true });
    assert.equal(await table.count(), 1, 'a table of the latest ratings');
    assert.ok(await table.isVisible(), 'the ratings table is visible');
    const headers = (await table.locator('thead th').allInnerTexts()).map(squash);
    assert.deepEqual(headers, ['Part of life', 'Rating (1–10)', 'When']);
    const physical = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Physical health', exact: true }) });
    assert.equal(squash(await physical.locator('td').first().innerText()), '6', 'Physical health is rated 6');
    assert.ok(await table.locator('tbody tr').count() >= 9, 'a row per part of life');
    await shot(page, 'plan-mette-390x844-light');
  });

  test('she adds a goal in her own words', async () => {
    const { page } = mette;
    const add = page.locator('main #goals').getByRole('link', { name: 'Add a goal', exact: true });
    let res = await navigates(page, () => add.click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), `${planPath}/goals/new`);
    assert.equal(await h1(page), 'A new goal');
    await checkA11y(page, `${planPath}/goals/new`);

    const form = page.locator('main form');
    await form.getByLabel('The goal', { exact: true }).fill(GOAL);
    await form.getByLabel('Part of life', { exact: true }).selectOption({ label: 'Physical health' });
    await form.getByLabel('Why it matters (optional)', { exact: true }).fill(WHY);
    assert.equal(await form.getByLabel('Written in', { exact: true }).inputValue(), 'en',
      'written in English, the page language');
    await shot(page, 'goal-new-390x844-light');
    res = await navigates(page, () => form.getByRole('button', { name: 'Save the goal', exact: true }).click());
    assert.equal(res.status(), 200);
    assert.match(path(page), new RegExp(`^${planPath}/goals/[0-9a-f]{32}$`));
    goalPath = path(page);
    assert.equal(query(page, 'saved'), 'goal');
    assert.equal(await h1(page), GOAL);
    assert.equal(await page.locator('h1').getAttribute('lang'), 'en');
    assert.equal(squash(await page.locator('main .notice[role="status"]').innerText()), 'The goal is saved.');
    assert.equal(squash(await page.locator('main .goal-domain').innerText()), 'Physical health');
    assert.equal(squash(await page.locator('main article.goal .own-words').innerText()), WHY);
    assert.ok((await page.locator('main').innerText()).includes('No steps yet.'), 'no steps yet');
    await shot(page, 'goal-saved-390x844-light');
    await checkA11y(page, `${goalPath}?saved=goal`);
  });

  test('she adds a step for herself and one for Karin', async () => {
    const { page } = mette;
    const nextWeek = inDays(7);
    const inThree = inDays(3);

    // "Add a step" is open when the goal has no steps yet.
    assert.ok(await page.locator('main details#add-step').evaluate((d) => d.open),
      '"Add a step" is open on a goal without steps');
    let res = await addStep(page, { title: OWN_STEP, ownerLabel: 'Me', due: nextWeek });
    assert.equal(res.status(), 200);
    assert.equal(path(page), goalPath);
    assert.equal(query(page, 'saved'), 'step');
    assert.equal(squash(await page.locator('main .notice[role="status"]').innerText()), 'The step is saved.');
    let own = stepItem(page, OWN_STEP);
    assert.equal(await own.count(), 1, `the step "${OWN_STEP}" is listed`);
    assert.match(new URL(page.url()).hash, /^#step-[0-9a-f]{32}$/, 'the page opens at the new step');
    assert.equal(`#${await own.getAttribute('id')}`, new URL(page.url()).hash);
    assert.ok(squash(await own.innerText()).includes('Who does it: You'), 'she does it herself');
    assert.equal(await own.locator('time').getAttribute('datetime'), nextWeek);
    await checkA11y(page, `${goalPath}?saved=step (first step)`);

    res = await addStep(page, { title: KARIN_STEP, ownerLabel: /^Karin Madsen \(Coordinator, Socialforvaltningen Østerbro\)$/, due: inThree });
    assert.equal(res.status(), 200);
    assert.equal(query(page, 'saved'), 'step');
    const karin = stepItem(page, KARIN_STEP);
    assert.equal(await karin.count(), 1, `the step "${KARIN_STEP}" is listed`);
    assert.ok(squash(await karin.innerText()).includes('Who does it: Karin Madsen'), 'Karin does it');
    assert.equal(await karin.locator('time').getAttribute('datetime'), inThree);
    // The one-tap button says "I did it" only on her own step.
    own = stepItem(page, OWN_STEP);
    assert.ok(await own.getByRole('button', { name: 'I did it: mark as done', exact: true }).isVisible(),
      'a one-tap "I did it" on her own step');
    assert.equal(await karin.getByRole('button', { name: 'I did it: mark as done', exact: true }).count(), 0,
      "no \"I did it\" on Karin's step");
    assert.equal(await karin.getByRole('button', { name: 'Mark as done', exact: true }).count(), 1,
      "Karin's step can be marked done by anyone co-writing");
    await shot(page, 'goal-two-steps-390x844-light');
    await checkA11y(page, `${goalPath}?saved=step (second step)`);
  });

  test('she marks her own step done with one tap', async () => {
    const { page } = mette;
    const button = stepItem(page, OWN_STEP).getByRole('button', { name: 'I did it: mark as done', exact: true });
    const bbox = await button.boundingBox();
    assert.ok(bbox.height >= 44, `the one-tap button is a big target: ${bbox.height}px`);
    const res = await navigates(page, () => button.click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), goalPath);
    assert.equal(query(page, 'saved'), 'done');
    const notice = page.locator('main .notice[role="status"]');
    assert.equal(squash(await notice.innerText()), 'Well done: the step is marked as done.');
    const own = stepItem(page, OWN_STEP);
    assert.match(await own.getAttribute('class'), /\bdone\b/, 'the step is shown as done');
    assert.equal(squash(await own.locator('.status').innerText()), 'Done');
    assert.equal(await own.getByRole('button', { name: 'I did it: mark as done', exact: true }).count(), 0,
      'no "I did it" button on a done step');
    const karin = stepItem(page, KARIN_STEP);
    assert.equal(squash(await karin.locator('.status').innerText()), 'Not started', "Karin's step is still open");
    // The page opens at the step (#step-…); the thank-you is above it, at the top.
    assert.match(new URL(page.url()).hash, /^#step-[0-9a-f]{32}$/);
    assert.equal(`#${await own.getAttribute('id')}`, new URL(page.url()).hash, 'the page opens at her step');
    // The thank-you is said in the step the page opens at, so it is on screen.
    const box = await notice.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: window.innerHeight };
    });
    assert.ok(box.top >= 0 && box.bottom <= box.height, `the notice is on screen: ${JSON.stringify(box)}`);
    assert.equal(await own.locator('.notice[role="status"]').count(), 1, 'the notice is in her step');
    await shot(page, 'goal-step-done-390x844-light');
    await checkA11y(page, `${goalPath}?saved=done`);
  });

  test('back on My plan the goal shows 1 of 2 steps done', async () => {
    const { page } = mette;
    const res = await navigates(page, () => page.locator('main > nav').getByRole('link', { name: 'Back to my plan', exact: true }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), planPath);
    const item = page.locator('main #goals li.goal-item').filter({ has: page.getByRole('link', { name: GOAL, exact: true }) });
    assert.equal(await item.count(), 1, `the goal "${GOAL}" is listed once`);
    assert.equal(await item.getByRole('link').getAttribute('href'), goalPath);
    const text = squash(await item.innerText());
    assert.ok(text.includes('Physical health'), `its part of life: ${text}`);
    assert.ok(text.includes('1 of 2 steps done'), `1 of 2 steps done: ${text}`);
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'plan-goal-listed-390x844-light.png') });
    await checkA11y(page, `${planPath} as mette (after the goal)`);
  });
});

describe('Karin finds the step in My tasks', () => {
  let karin;
  before(async () => { karin = await open(); });
  after(async () => { await karin?.context.close(); });

  test(`she signs in for ${OSTERBRO} and sees "${KARIN_STEP}", soonest first`, async () => {
    assert.ok(goalPath, 'Mette saved the goal');
    const { page } = karin;
    await signInAs(page, 'karin', 'karin');
    assert.equal(path(page), '/signin/organisation', 'karin works for two organisations');
    await checkA11y(page, '/signin/organisation (karin)');
    let res = await navigates(page, () => page.getByRole('button', { name: OSTERBRO }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), '/persons', 'staff land on their people');
    assert.equal(squash(await accountNav(page).locator('.org').innerText()), OSTERBRO);
    await checkA11y(page, `/persons as karin for ${OSTERBRO}`);

    res = await navigates(page, () => accountNav(page).getByRole('link', { name: 'My tasks', exact: true }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), '/me/tasks');
    assert.equal(await h1(page), 'My tasks');
    const section = page.getByRole('region', { name: 'Steps you agreed to do, soonest first', exact: true });
    assert.equal(await section.count(), 1);
    const tasks = section.locator('ol.tasks > li.task');
    const n = await tasks.count();
    assert.ok(n >= 1, 'some tasks');
    assert.match(squash(await section.locator('.count[role="status"]').innerText()), new RegExp(`^${n} steps?[,.]`),
      'the count matches the list');

    const task = tasks.filter({ has: page.getByRole('link', { name: KARIN_STEP, exact: true }) });
    assert.equal(await task.count(), 1, `"${KARIN_STEP}" is in her tasks`);
    const text = squash(await task.innerText());
    assert.ok(text.includes('For: Mette'), `for Mette: ${text}`);
    assert.ok(text.includes(`Towards the goal: ${GOAL}`), `with the goal: ${text}`);
    assert.ok(text.includes('Status: Not started'), text);
    assert.equal(await task.locator('time').getAttribute('datetime'), inDays(3));
    const href = await task.getByRole('link', { name: KARIN_STEP, exact: true }).getAttribute('href');
    assert.match(href, new RegExp(`^${goalPath}#step-[0-9a-f]{32}$`), `linked to the goal: ${href}`);
    assert.equal(await tasks.filter({ hasText: OWN_STEP }).count(), 0, "Mette's own step is not Karin's");

    // Soonest first: every dated task in date order, the undated ones last.
    const dates = await tasks.evaluateAll((lis) => lis.map((li) => li.querySelector('time')?.getAttribute('datetime') ?? null));
    const dated = dates.filter(Boolean);
    assert.deepEqual(dated, [...dated].sort(), `dates soonest first: ${JSON.stringify(dates)}`);
    const firstUndated = dates.indexOf(null);
    assert.ok(firstUndated === -1 || dates.slice(firstUndated).every((d) => d === null),
      `undated tasks come last: ${JSON.stringify(dates)}`);
    await shot(page, 'tasks-karin-390x844-light');
    await checkA11y(page, '/me/tasks as karin');

    // The link opens the goal, at the step.
    res = await navigates(page, () => task.getByRole('link', { name: KARIN_STEP, exact: true }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), goalPath);
    assert.equal(await h1(page), GOAL);
    const step = stepItem(page, KARIN_STEP);
    assert.equal(`#${await step.getAttribute('id')}`, new URL(page.url()).hash, 'at the step');
    assert.ok(squash(await step.innerText()).includes('Who does it: Karin Madsen'));
    await shot(page, 'goal-karin-390x844-light');
    await checkA11y(page, `${goalPath} as karin`);
  });
});

describe('the plan on paper', () => {
  after(async () => { await mette?.context.close(); });

  test('the print view, on screen and as print media (with a PDF)', async (t) => {
    assert.ok(planPath, 'Mette opened her plan');
    const { page } = mette;
    let res = await page.goto(srv.url + planPath);
    assert.equal(res.status(), 200);
    res = await navigates(page, () => page.getByRole('navigation', { name: 'The plan', exact: true })
      .getByRole('link', { name: 'Print the plan', exact: true }).click());
    assert.equal(res.status(), 200);
    assert.equal(path(page), `${planPath}/print`);
    assert.equal(await h1(page), 'My plan');
    const doc = page.locator('main article.print-doc');
    assert.ok((await doc.innerText()).includes(GOAL), 'the new goal is in the printed plan');
    assert.ok(await page.locator('main .print-hint').isVisible(), 'on screen, a hint how to print');
    assert.ok(await page.locator('header.top').isVisible(), 'on screen, the header shows');
    await shot(page, 'plan-print-390x844-light');
    await checkA11y(page, `${planPath}/print (screen)`);

    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.evaluate(() => matchMedia('print').matches), true, 'print media');
      for (const [sel, what] of [
        ['header.top', 'the header (brand, language, account navigation)'],
        ['header nav.account', 'the account navigation'],
        ['footer.foot', 'the footer'],
        ['main .print-hint', 'the hint how to print'],
        ['a.skip', 'the skip link'],
      ]) {
        assert.equal(await page.locator(sel).count(), 1, `${what} is in the page`);
        assert.equal(await page.locator(sel).isVisible(), false, `${what} is hidden in print`);
      }
      assert.ok(await doc.isVisible(), 'the document prints');
      await shot(page, 'plan-print-390x844-print');
      await checkA11y(page, `${planPath}/print (print media)`);
      // A done step reads "Done" on paper too, as on the goal page.
      const shoes = doc.locator('tr').filter({ hasText: OWN_STEP });
      assert.equal(await shoes.count(), 1, `"${OWN_STEP}" is in the printed plan`);
      await t.test('a done step reads "Done" on paper', async () => {
        assert.ok(squash(await shoes.innerText()).endsWith('Done'), squash(await shoes.innerText()));
      });
      // At the width of A4 paper (210 mm at 96 dpi), as the PDF is laid out.
      await page.setViewportSize({ width: 794, height: 1123 });
      await assertNoHorizontalOverflow(page, `${planPath}/print (print media, A4 width)`);
      await shot(page, 'plan-print-a4-print');
      await checkA11y(page, `${planPath}/print (print media, A4 width)`);
      const pdf = join(SHOTS, 'plan-print.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      assert.ok(statSync(pdf).size > 10000, 'a PDF was written');
      assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    } finally {
      await page.emulateMedia({ media: null });
      await page.setViewportSize(PHONE);
    }
  });
});

describe('the plan and the goal at 320×640', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`plan and goal pages at 320x640 ${colorScheme}`, async (t) => {
      assert.ok(planPath && goalPath, 'the goal exists');
      const { context, page } = await open({ viewport: NARROW, colorScheme });
      const size = `${NARROW.width}x${NARROW.height}`;
      try {
        await signInAs(page, 'mette', `mette at ${size} ${colorScheme}`);
        assert.equal(path(page), '/me');
        for (const [route, name] of [[planPath, 'plan'], [goalPath, 'goal']]) {
          const res = await page.goto(srv.url + route);
          assert.equal(res.status(), 200, route);
          if (name === 'goal') {
            // Open every folded form too: they must fit as well.
            await page.locator('main details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
          }
          await shot(page, `${name}-mette-${size}-${colorScheme}`);
          await assertNoHorizontalOverflow(page, `${route} at ${size} ${colorScheme}`);
          if (name === 'plan') {
            await t.test(`the ratings table fits at ${size} ${colorScheme} (short dates)`, async () => {
              const wrap = page.locator('main #progress .table-wrap').first();
              const w = await wrap.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
              assert.ok(w.scroll <= w.client, `the ratings table fits its wrapper: ${JSON.stringify(w)}`);
            });
          }
          await checkA11y(page, `${route} at ${size} ${colorScheme}`);
        }
      } finally {
        await context.close();
      }
    });
  }
});
