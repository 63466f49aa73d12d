// The service directory on a 360 px phone, in Danish. Signed out, a person
// opens it from the home page, searches for a word, narrows it to a stage
// ("Behandling"), opens a service and finds its opening hours, its address
// and its places free. Then anne, an admin at Behandlingscenter Nordlys,
// signs in on her phone, opens "Vores tilbud" and adds a free place with one
// tap. No page scrolls sideways; every page is checked with axe.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 800 };
const SERVICE = 'demo-svc-nordlys-ambulant';
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  // anne reads rosc in Danish, whatever the demo gave her.
  srv.sql("UPDATE user_account SET lang = 'da' WHERE username = 'anne'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** The page fits 360 px (nothing scrolls sideways) and passes axe. */
async function fits(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${label}: ${width} px wide, more than ${PHONE.width}`);
  await assertNoHorizontalOverflow(page, label);
  await checkA11y(page, `${label} at 360 px`);
}

/** Text with its white space made single spaces. */
const flat = (s) => s.replace(/\s+/g, ' ').trim();

describe('the directory at 360 px, signed out, in Danish', () => {
  let context, page;
  before(async () => {
    context = await browser.newContext({ locale: 'da-DK', viewport: PHONE });
    context.setDefaultTimeout(10000);
    page = await context.newPage();
  });
  after(async () => { await context?.close(); });

  test('from the home page to a service: search, stage, hours, address, places', async () => {
    let res = await page.goto(srv.url + '/');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'da');
    await fits(page, 'the home page');

    res = await navigates(page, () =>
      page.locator('main').getByRole('link', { name: 'Find et tilbud' }).first().click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/services');
    await fits(page, 'the directory');

    // A word, then the stage; the form keeps what was asked.
    const form = page.getByRole('search', { name: 'Find et tilbud' });
    await form.getByLabel('Hvad leder du efter?').fill('alkohol');
    res = await navigates(page, () => form.getByRole('button', { name: 'Søg' }).click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'alkohol');
    const byWord = await page.locator('main li.service h3').allInnerTexts();
    assert.ok(byWord.length >= 3, `services about alcohol: ${byWord.join(' | ')}`);
    await fits(page, 'the directory searched for a word');

    await form.getByLabel('Fase').selectOption({ label: 'Behandling' });
    res = await navigates(page, () => form.getByRole('button', { name: 'Søg' }).click());
    assert.equal(res.status(), 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'alkohol');
    assert.equal(url.searchParams.get('stage'), 'treatment');
    assert.equal(await form.getByLabel('Hvad leder du efter?').inputValue(), 'alkohol');
    const cards = page.locator('main li.service');
    const n = await cards.count();
    assert.ok(n >= 1 && n < byWord.length, `the stage narrows it: ${n} of ${byWord.length}`);
    const stages = await cards.locator('.stage').allInnerTexts();
    assert.deepEqual([...new Set(stages)], ['Behandling'], 'every service found is treatment');
    await fits(page, 'the directory searched by word and stage');

    // The service: its opening hours, its address and its places free.
    const link = cards.getByRole('link', { name: 'Ambulant alkoholbehandling', exact: true });
    res = await navigates(page, () => link.click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, `/services/${SERVICE}`);
    assert.equal(await page.locator('main h1').innerText(), 'Ambulant alkoholbehandling');
    const hours = page.locator('main section[aria-labelledby="s-hours"]');
    assert.match(await hours.locator('h2').innerText(), /^Åbningstider$/);
    const monday = flat(await hours.locator('table.hours tr', { hasText: 'mandag' }).innerText());
    assert.match(monday, /^mandag 08:30–18:00$/i, monday);
    const sunday = flat(await hours.locator('table.hours tr', { hasText: 'søndag' }).innerText());
    assert.match(sunday, /^søndag lukket$/i, sunday);
    assert.match(flat(await page.locator('main section[aria-labelledby="s-where"]').innerText()), /Nørre Allé 12.*2200 København N/);
    const free = srv.sql(`SELECT capacity_available || ' af ' || capacity_maximum FROM service WHERE id = '${SERVICE}'`);
    assert.match(flat(await page.locator('main .capacity').first().innerText()),
      new RegExp(`^${free} pladser ledige`));
    await fits(page, 'a service');
  });
});

describe('one-tap capacity at 360 px: anne at Behandlingscenter Nordlys', () => {
  let context, page;
  before(async () => {
    context = await browser.newContext({ locale: 'da-DK', viewport: PHONE });
    context.setDefaultTimeout(10000);
    page = await context.newPage();
  });
  after(async () => { await context?.close(); });

  test('signs in, opens "Vores tilbud", and +1 adds a free place', async () => {
    await page.goto(srv.url + '/signin');
    const main = page.locator('main');
    await main.getByLabel('Dit brugernavn', { exact: true }).fill('anne');
    await main.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD);
    let res = await navigates(page, () => main.getByRole('button', { name: 'Log ind', exact: true }).click());
    assert.equal(res.status(), 200);

    res = await navigates(page, () => page.getByRole('link', { name: 'Vores tilbud' }).first().click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/admin/services');
    assert.equal(await page.locator('main h1').innerText(), 'Vores tilbud i tilbudsoversigten');
    await fits(page, 'our services');

    const before = Number(srv.sql(`SELECT capacity_available FROM service WHERE id = '${SERVICE}'`));
    const card = page.locator(`main #svc-${SERVICE}`);
    const shown = async () => flat(await card.locator('.capacity').innerText());
    assert.match(await shown(), new RegExp(`^${before} af \\d+ pladser ledige`));
    res = await navigates(page, () =>
      card.getByRole('button', { name: /^\+1 Én ledig plads mere: Ambulant alkoholbehandling$/ }).click());
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/admin/services');
    const after = Number(srv.sql(`SELECT capacity_available FROM service WHERE id = '${SERVICE}'`));
    assert.equal(after, before + 1, 'one more place free');
    assert.match(await page.locator(`main #svc-${SERVICE} .capacity`).innerText(),
      new RegExp(`^${after} af \\d+ pladser ledige`));
    await fits(page, 'our services after one tap');
  });
});
