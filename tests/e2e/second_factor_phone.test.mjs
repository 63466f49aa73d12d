// A second factor on a 360 px phone: Peter turns it on from his settings
// (the key typed into an authenticator app: here oathtool, liboath's own
// tool), keeps his recovery codes, signs out, and signs in with his
// password and then a code. Every page is checked with axe; nothing
// scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { totpCode } from '../lib/totp.mjs';
import {
  launchBrowser, checkA11y, navigates, signIn, assertNoHorizontalOverflow, setUpSecondFactor,
} from './browser.mjs';

let srv;
let browser;
before(async () => {
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'peter'");
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('peter turns on a second factor and signs in with a code', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const check = async (label) => {
    await assertNoHorizontalOverflow(page, label);
    await checkA11y(page, `${label} at 360 px`);
  };
  try {
    await page.goto(`${srv.url}/signin`);
    await signIn(page, 'peter', DEMO_PASSWORD);
    const { secret, codes } = await setUpSecondFactor(page, srv.url, check);
    assert.match(codes[0], /^[a-z2-9]{5}-[a-z2-9]{5}$/);

    await navigates(page, () => page.getByRole('button', { name: 'Sign out', exact: true }).first().click());
    await page.goto(`${srv.url}/signin`);
    await signIn(page, 'peter', DEMO_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/signin/code');
    await check('the code step');
    // A wrong code: asked again, with the message at the field.
    await page.getByLabel('Code from the app, or a recovery code').fill(totpCode(secret, Date.now() - 300000));
    await navigates(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
    assert.match(await page.locator('main').innerText(), /This code is not right/);
    await check('the code step, sent back');
    // The app's next code (this step's was used to turn it on: once only).
    await page.getByLabel('Code from the app, or a recovery code').fill(totpCode(secret, Date.now() + 30000));
    await navigates(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
    assert.notEqual(new URL(page.url()).pathname, '/signin/code');
    await navigates(page, () => page.goto(`${srv.url}/me/settings/second-factor`));
    assert.match(await page.locator('main').innerText(), /You have 10 recovery codes left\./);
    await check('the second factor, on');
  } finally {
    await context.close();
  }
});
