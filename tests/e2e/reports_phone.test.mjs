// Outcome reports on a 360 px phone, with and without JavaScript: sofie (admin of
// Socialforvaltningen Østerbro) finds the reports in the account bar,
// picks a period, reads a figure and its method, and a month that does not
// read comes back at its field with what she typed. Printed, the form is
// left out and the charts stay. axe finds nothing on any of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow,
} from './browser.mjs';

let srv;
let browser;
before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'sofie'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

for (const javaScriptEnabled of [true, false]) {
test(`sofie reads the outcome reports on a phone${javaScriptEnabled ? '' : ', without JavaScript'}`, async () => {
  const context = await browser.newContext({
    locale: 'en-GB', viewport: { width: 360, height: 740 }, javaScriptEnabled,
  });
  const a11y = (label) => (javaScriptEnabled ? checkA11y(page, label) : null);
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  try {
    await page.goto(`${srv.url}/signin`);
    await signIn(page, 'sofie', DEMO_PASSWORD);
    await navigates(page, () => page.getByRole('link', { name: 'Reports' }).click());
    assert.equal(new URL(page.url()).pathname, '/reports');
    assert.equal(await page.locator('h1').innerText(), 'Programme outcomes');
    await assertNoHorizontalOverflow(page, 'the outcome report');
    await a11y('the outcome report at 360 px');

    // A period of her own: the GET form keeps it in the address.
    await page.getByLabel('From month').fill('2026-01');
    await page.getByLabel('To month, included').fill('2026-06');
    await navigates(page, () => page.getByRole('button', { name: 'Show the report' }).click());
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), '2026-01');
    assert.equal(url.searchParams.get('to'), '2026-06');
    const served = page.locator('#served tbody tr').first();
    assert.match(await served.innerText(), /People in care during the period\s+(\d+|not shown)/);
    assert.match(await page.locator('#served .method').innerText(), /How this is counted/);
    const csv = page.getByRole('link', { name: 'Download as CSV' });
    assert.equal(await csv.getAttribute('href'), '/reports/outcomes/csv?from=2026-01&to=2026-06');

    // One report from the row of reports.
    await navigates(page, () => page.getByRole('link', { name: 'Referrals', exact: true }).click());
    assert.equal(new URL(page.url()).pathname, '/reports/referrals');
    assert.equal(await page.locator('section').count(), 1);
    await a11y('the referrals report at 360 px');

    // A month that does not read: the message at the field, the input kept.
    await page.goto(`${srv.url}/reports/outcomes?from=2026-13&to=2026-06`);
    assert.match(await page.locator('#e-from').innerText(), /Please give a month as YYYY-MM/);
    assert.equal(await page.locator('#f-from').getAttribute('value'), '2026-13');
    assert.equal(await page.locator('#f-from').getAttribute('aria-invalid'), 'true');
    await a11y('the report with an error at 360 px');

    // Printed: no form, no account bar, the figures and charts stay.
    await page.goto(`${srv.url}/reports`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('form[action="/reports/outcomes"]').isVisible(), false);
    assert.equal(await page.locator('header.top').isVisible(), false);
    assert.equal(await page.locator('#served table').isVisible(), true);
  } finally {
    await context.close();
  }
});
}

test('a professional has no reports: no link, and the page is refused', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  try {
    srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'peter'");
    await page.goto(`${srv.url}/signin`);
    await signIn(page, 'peter', DEMO_PASSWORD);
    assert.equal(await page.getByRole('link', { name: 'Reports' }).count(), 0);
    const res = await page.goto(`${srv.url}/reports`);
    assert.equal(res.status(), 403);
    await checkA11y(page, 'the refusal');
  } finally {
    await context.close();
  }
});
