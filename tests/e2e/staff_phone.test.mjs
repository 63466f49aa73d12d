// Staff pages on a 360 px phone: karin (coordinator, Østerbro) opens her
// caseload and Mette's overview. Nothing scrolls sideways, every row of the
// caseload is one big tap target, and axe finds nothing.
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
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'karin'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('karin on a 360 px phone: caseload and a person, no sideways scrolling', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  try {
    await page.goto(`${srv.url}/signin`);
    await signIn(page, 'karin', DEMO_PASSWORD);
    await navigates(page, () => page.getByRole('button', { name: /Socialforvaltningen Østerbro/ }).click());
    assert.equal(new URL(page.url()).pathname, '/persons', 'staff land on their people');

    await assertNoHorizontalOverflow(page, 'the caseload');
    await checkA11y(page, 'the caseload at 360 px');
    // Each person is a card, and the name's link covers all of it.
    const row = page.locator('table.stacked tbody tr').filter({ hasText: 'Mette' });
    await row.scrollIntoViewIfNeeded();
    const [rowBox, linkHit] = await Promise.all([row.boundingBox(), row.evaluate((tr) => {
      const r = tr.getBoundingClientRect();
      const el = document.elementFromPoint(r.right - 10, r.bottom - 10);
      return el?.closest('a')?.getAttribute('href') ?? null;
    })]);
    assert.ok(rowBox.height >= 44, `a card is at least 44 px tall (${rowBox.height})`);
    assert.match(linkHit ?? '', /^\/persons\/[0-9a-f]{32}$/, 'a tap anywhere on the card opens the person');

    await navigates(page, () => row.getByRole('link', { name: 'Mette' }).click());
    assert.match(await page.locator('h1').innerText(), /Mette/);
    await assertNoHorizontalOverflow(page, 'Mette’s overview');
    await checkA11y(page, 'Mette’s overview at 360 px');
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    assert.match(main, /At a glance/);
    assert.match(main, /Date of birth 1 January 1990 \(age \d+\)/, 'a plain date with the age');
    assert.doesNotMatch(main, /Monday/, 'no weekday for a birth date');
    assert.doesNotMatch(main, /Europe\/Copenhagen/, 'no zone id; hers is karin’s own');
  } finally {
    await context.close();
  }
});
