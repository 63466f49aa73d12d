// Scratch (helper relapse-api; not for commit): axe + screenshots of the relapse pages and /me.
import { spawnSync } from 'node:child_process';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow } from './browser.mjs';

const srv = await startRosc();
const browser = await launchBrowser();
const sql = (q) => spawnSync('sqlite3', [srv.dbPath, q], { encoding: 'utf8' }).stdout.trim();
sql("UPDATE user_account SET lang = 'en'");
const mette = sql("SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = 'mette'");
let failures = 0;
async function visit(page, path, name, scheme) {
  await page.goto(srv.url + path);
  try { await checkA11y(page, `${name} ${scheme}`); await assertNoHorizontalOverflow(page, name); } catch (e) { failures++; console.log(String(e.message).slice(0, 3000)); }
  await shots(page, `${name}-${scheme}`);
}
async function shots(page, name) {
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < h && i < 6; y += 800, i++)
    await page.screenshot({ path: `/tmp/relapse-shots/${name}-${i}.png`, fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(800, h - y) } });
}
for (const scheme of ['light', 'dark']) {
  for (const [user, pages] of [['mette', [['/me', 'me'], [`/persons/${mette}/plan/relapse`, 'relapse'], [`/persons/${mette}/plan/relapse?edit=plan`, 'relapse-edit'], [`/persons/${mette}/plan/relapse?edit=contacts`, 'contacts-edit']]],
                               ['henrik', [[`/persons/${mette}/plan/relapse`, 'relapse-henrik']]]]) {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: scheme });
    const page = await ctx.newPage();
    await page.goto(srv.url + '/signin');
    await signIn(page, user, DEMO_PASSWORD);
    for (const [path, name] of pages) await visit(page, path, name, scheme);
    if (user === 'mette') {
      // a 422 on contacts, and a conflict
      await page.goto(srv.url + `/persons/${mette}/plan/relapse?edit=contacts`);
      await page.locator('#f-phone_1').fill('');
      await page.locator('#f-phone_0').fill('12ab');
      await navigates(page, () => page.getByRole('button', { name: 'Save the list' }).click());
      try { await checkA11y(page, 'contacts-422'); } catch (e) { failures++; console.log(e.message.slice(0, 3000)); }
      await shots(page, `contacts-422-${scheme}`);
      await page.goto(srv.url + `/persons/${mette}/plan/relapse?edit=plan`);
      sql(`UPDATE relapse_plan SET version = version + 1, triggers = 'Changed by someone else' WHERE person_id = '${mette}'`);
      await page.locator('#f-triggers').fill('Mine: Friday nights');
      await navigates(page, () => page.getByRole('button', { name: 'Save my plan' }).click());
      try { await checkA11y(page, 'conflict'); } catch (e) { failures++; console.log(e.message.slice(0, 3000)); }
      await shots(page, `conflict-${scheme}`);
    }
    await ctx.close();
  }
}
console.log('failures', failures);
await browser.close();
await srv.stop();
