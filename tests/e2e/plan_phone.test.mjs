// The recovery plan on a 360 px phone, as Mette (her own plan) and as
// peter (her treatment centre) viewing it: nothing scrolls sideways, the
// goals come before the life domains, the domains are folded <details>
// whose summary names them with their latest rating, "Open every part of
// life" unfolds them without JavaScript, and the charts' text is at least
// 12 CSS px. Every page is checked with axe.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow,
} from './browser.mjs';

const PHONE = { width: 360, height: 800 };
let srv, browser, mette;

before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en'");
  mette = srv.sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  assert.match(mette, /^[0-9a-f]{32}$/);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** The smallest rendered font size (CSS px) of the text in the SVGs that match sel. */
async function smallestText(page, sel) {
  return page.locator(sel).evaluateAll((svgs) => {
    let min = Infinity;
    let count = 0;
    for (const svg of svgs) {
      for (const t of svg.querySelectorAll('text')) {
        const scale = t.getScreenCTM().a;            // user units to CSS px
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        min = Math.min(min, px);
        count++;
      }
    }
    return { min, count };
  });
}

for (const [user, label] of [['mette', 'Mette, her own plan'], ['peter', "peter, Mette's plan"]]) {
  describe(`the plan at 360 px: ${label}`, () => {
    let context, page;
    before(async () => {
      context = await browser.newContext({ locale: 'en-GB', viewport: PHONE });
      context.setDefaultTimeout(10000);
      page = await context.newPage();
      await page.goto(srv.url + '/signin');
      const res = await signIn(page, user, DEMO_PASSWORD);
      assert.equal(res.status(), 200);
      assert.equal((await page.goto(srv.url + `/persons/${mette}/plan`)).status(), 200);
    });
    after(async () => { await context?.close(); });

    test('nothing scrolls sideways; the goals come first (a page without any script)', async () => {
      await assertNoHorizontalOverflow(page, `the plan as ${user}`);
      assert.equal(await page.locator('script').count(), 0, 'no script: folding is <details>, opening all a link');
      const order = await page.locator('main > section').evaluateAll((ss) => ss.map((s) => s.id));
      assert.deepEqual(order, ['goals', 'words', 'progress', 'referrals'], 'goals, then the domains, progress, referrals');
      const goals = page.locator('main #goals li.goal-item');
      assert.ok(await goals.count() >= 1, 'some goals');
      const next = page.locator('main #goals .next-step').first();
      assert.match(await next.innerText(), /^Next step: \S/, 'a goal says its next step');
      const goalsTop = (await page.locator('main #goals').boundingBox()).y;
      assert.ok(goalsTop < PHONE.height, `the goals start on the first screen: ${goalsTop}`);
      await checkA11y(page, `the plan as ${user} at 360 px`);
    });

    test('the domains are folded, each summary names it and its latest rating', async () => {
      const domains = page.locator('main #words details.domain');
      const n = await domains.count();
      assert.ok(n >= 9, `a folded block per domain (${n})`);
      assert.deepEqual(await domains.evaluateAll((ds) => ds.filter((d) => d.open).length), 0, 'all folded');
      const housing = page.locator('main #dom-housing');
      const summary = (await housing.locator(':scope > summary').innerText()).replace(/\s+/g, ' ').trim();
      const latest = srv.sql(`SELECT rating FROM plan_rating WHERE person_id='${mette}' AND domain='housing'
        ORDER BY rated_us DESC LIMIT 1`);
      assert.match(summary, new RegExp(`^Housing Rated ${latest} of 10 on \\d{1,2} [A-Z][a-z]{2} \\d{4}$`), summary);
      // Folded, its words take no room; the page is short.
      const words = housing.locator('dl.words');
      assert.equal(await words.isVisible(), false, 'the words are folded away');
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < 7000, `the page is much shorter than the 13,096 px it was: ${height}`);
    });

    test('"Open every part of life" unfolds them all, without JavaScript', async () => {
      const res = await navigates(page, () => page.locator('main #words .open-all a').click());
      assert.equal(res.status(), 200);
      assert.equal(new URL(page.url()).searchParams.get('open'), 'all');
      const domains = page.locator('main #words details.domain');
      assert.equal(await domains.evaluateAll((ds) => ds.every((d) => d.open)), true, 'every domain open');
      assert.ok(await page.locator('main #dom-housing dl.words').isVisible(), 'the words show');
      await assertNoHorizontalOverflow(page, `the plan, all open, as ${user}`);
      await checkA11y(page, `the plan, all open, as ${user} at 360 px`);
      const back = await navigates(page, () => page.locator('main #words .open-all a').click());
      assert.equal(back.status(), 200);
      assert.equal(await domains.evaluateAll((ds) => ds.some((d) => d.open)), false, 'folded again');
    });

    test('the charts\' text is at least 12 CSS px', async () => {
      const radar = await smallestText(page, 'main svg.chart-radar');
      assert.ok(radar.count >= 10, `the star chart has its axis numbers and scale (${radar.count})`);
      assert.ok(radar.min >= 12, `the star chart's smallest text: ${radar.min.toFixed(1)} px`);
      const bars = await smallestText(page, 'main svg.chart-bars');
      assert.ok(bars.count >= 3, 'the bar chart has text');
      assert.ok(bars.min >= 12, `the bar chart's smallest text: ${bars.min.toFixed(1)} px`);
      // Inside a domain, opened: its ratings over time.
      await page.goto(srv.url + `/persons/${mette}/plan?open=housing#dom-housing`);
      const line = await smallestText(page, 'main #dom-housing svg.chart-line');
      assert.ok(line.count >= 2, 'the line chart has its scale');
      assert.ok(line.min >= 12, `the line chart's smallest text: ${line.min.toFixed(1)} px`);
      // The ratings table's dates are short: one line each, no weekday.
      const when = await page.locator('main table.ratings tbody td:last-child').allInnerTexts();
      const dated = when.filter((w) => w.trim());
      assert.ok(dated.length >= 1, 'some ratings have a date');
      for (const w of dated) assert.match(w.trim(), /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, `a short date: ${w}`);
      await checkA11y(page, `the plan with housing open as ${user} at 360 px`);
    });
  });
}
