// The person's own pages on a 360 px phone: no sideways scrolling on the
// home and consent pages, the person's own links (My plan, Who looked at my
// record, What I share) within the first two screens, their people folded
// away until asked for (without JavaScript too), and every call a tel:
// link. Every page visited is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const PHONE = { width: 360, height: 640 };
let srv;
let browser;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username IN ('mette', 'jan')");
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedIn(user, options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, ...options });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(srv.url + '/signin');
  const res = await signIn(page, user, DEMO_PASSWORD);
  assert.equal(res.status(), 200);
  return { context, page };
}

for (const user of ['mette', 'jan']) {
  for (const javaScriptEnabled of [true, false]) {
    const how = javaScriptEnabled ? '' : ', without JavaScript';
    test(`${user}: home and consent pages at 360×640${how}`, async () => {
      const { context, page } = await signedIn(user, { javaScriptEnabled });
      try {
        await page.goto(srv.url + '/me');
        await assertNoHorizontalOverflow(page, `/me (${user})`);
        const nav = page.getByRole('navigation', { name: 'My record' });
        for (const name of ['My plan', 'Who looked at my record', 'What I share']) {
          const box = await nav.getByRole('link', { name, exact: true }).boundingBox();
          assert.ok(box, `${name} is shown`);
          assert.ok(box.y < 2 * PHONE.height, `${name} at ${Math.round(box.y)} px, within two screens`);
        }
        // Their people fold away, and open with a tap (no script needed).
        const people = page.locator('details.my-people');
        assert.equal(await people.evaluate((d) => d.open), false, 'people folded');
        const firstPhone = people.locator('a[href^="tel:"]').first();
        assert.equal(await firstPhone.isVisible(), false);
        await people.locator('summary').click();
        assert.ok(await firstPhone.isVisible(), 'their numbers show when opened');
        await assertNoHorizontalOverflow(page, `/me with people open (${user})`);
        if (javaScriptEnabled) await checkA11y(page, `/me (${user})`);

        // Every call: a tel: link with only + and digits.
        const hrefs = await page.locator('main a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(hrefs.length >= 3, `tel: links on /me (${hrefs.length})`);
        for (const h of hrefs) assert.match(h, /^tel:\+?\d+$/);

        await page.goto(srv.url + '/me/consents');
        await assertNoHorizontalOverflow(page, `/me/consents (${user})`);
        if (javaScriptEnabled) await checkA11y(page, `/me/consents (${user})`);
      } finally {
        await context.close();
      }
    });
  }
}

test('Share and Stop sharing carry the same weight', async () => {
  const { context, page } = await signedIn('mette');
  try {
    await page.goto(srv.url + '/me/consents');
    const style = (name) => page.locator('main li.toggle button', { hasText: name }).first()
      .evaluate((b) => {
        const s = getComputedStyle(b);
        return { bg: s.backgroundColor, color: s.color, border: s.borderTopWidth + ' ' + s.borderTopColor, weight: s.fontWeight, width: b.getBoundingClientRect().width };
      });
    const share = await style('Share');
    const stop = await style('Stop sharing');
    assert.deepEqual({ ...share, width: 0 }, { ...stop, width: 0 }, 'same colours, border and weight');
    assert.equal(Math.round(share.width), Math.round(stop.width), 'same width on a phone');
  } finally {
    await context.close();
  }
});
