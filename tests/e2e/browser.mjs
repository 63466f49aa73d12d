// Browser helpers for the e2e suite: Debian's chromium driven by
// playwright-core (which never downloads a browser), and axe-core checks.
//
// CHROMIUM   the chromium binary (default /usr/bin/chromium)
//
// One browser per test file: launchBrowser() in a `before` hook, and
// browser.close() in an `after` hook. Each test makes its own context
// (cookies, colour scheme, viewport), which is cheap.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches one headless chromium. playwright-core's launch() gives it a new
 * temporary profile (a fresh mkdtemp user-data-dir, deleted on close); we
 * never pass --user-data-dir or use launchPersistentContext, so no state
 * carries over from one run or test file to the next.
 */
export async function launchBrowser() {
  assert.ok(!ARGS.some((a) => a.startsWith('--user-data-dir')), 'the profile must be fresh');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    timeout: 30000,
  });
  // A sanity check that the profile really is empty: no cookies to begin with.
  const ctx = await browser.newContext();
  const cookies = await ctx.cookies();
  await ctx.close();
  assert.deepEqual(cookies, [], 'a fresh browser profile has no cookies');
  return browser;
}

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Formats axe violations for a person reading a failed test. */
export function formatViolations(violations) {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => `      ${n.target.join(' ')}`
      + (n.failureSummary ? `\n        ${n.failureSummary.split('\n').join('\n        ')}` : ''));
    const more = v.nodes.length > 3 ? `\n      … and ${v.nodes.length - 3} more` : '';
    return `  - ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n    ${v.helpUrl}\n${targets.join('\n')}${more}`;
  }).join('\n');
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page and fails on any violation. */
export async function checkA11y(page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  const { violations } = results;
  assert.ok(violations.length === 0,
    `${violations.length} accessibility violation(s) on ${label}:\n${formatViolations(violations)}`);
  return results;
}

/**
 * Runs action (a click, a key press) that loads a new page, and waits until
 * that page has loaded. Returns the last main-frame navigation response (the
 * page after any redirects), so a caller can check its status.
 */
export async function navigates(page, action) {
  let last = null;
  const onResponse = (res) => {
    const req = res.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) last = res;
  };
  page.on('response', onResponse);
  const loaded = page.waitForEvent('load');
  try {
    await action();
    await loaded;
  } finally {
    page.off('response', onResponse);
  }
  return last;
}

/**
 * Fills in the sign-in form on the current page (/signin) the way a person
 * would, by its labels, and submits it. Returns the final response.
 */
export async function signIn(page, username, password) {
  const main = page.locator('main');
  await main.getByLabel('Your user name', { exact: true }).fill(username);
  await main.getByLabel('Password', { exact: true }).fill(password);
  return navigates(page, () => main.getByRole('button', { name: 'Sign in', exact: true }).click());
}

/** Fails if the page scrolls sideways (content wider than the viewport). */
export async function assertNoHorizontalOverflow(page, label = page.url()) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth,
    `no horizontal overflow on ${label}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
}

/**
 * Turns on a second factor through the settings page, as someone would:
 * the key read from the page, the code from oathtool (liboath's tool), typed
 * in. check(label) runs on each page on the way. Returns { secret, codes }.
 */
export async function setUpSecondFactor(page, baseUrl, check = async () => {}) {
  const { totpCode } = await import('../lib/totp.mjs');
  await navigates(page, () => page.goto(`${baseUrl}/me/settings`));
  await navigates(page, () => page.getByRole('link', { name: 'Your second factor' }).click());
  await check('the second factor, off');
  await navigates(page, () => page.getByRole('button', { name: 'Set up a second factor' }).click());
  await check('the second factor, being set up');
  const secret = await page.locator('#totp-secret').getAttribute('data-secret');
  await page.getByLabel('Code from the app').fill(totpCode(secret));
  await navigates(page, () => page.getByRole('button', { name: 'Turn on the second factor' }).click());
  const codes = await page.locator('li.recovery-code').allInnerTexts();
  assert.equal(codes.length, 10);
  await check('the second factor, on, with the recovery codes');
  return { secret, codes };
}
