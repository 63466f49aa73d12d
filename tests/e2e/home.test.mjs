// The home page in a real browser: layouts at phone and desktop sizes in
// both colour schemes (with screenshots for a person to look at), the
// language switch, the keyboard, no-JavaScript use, and the not-found page.
// Every page is checked with axe (WCAG 2.1 A and AA).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startRosc, ROOT } from '../lib/rosc.mjs';
import { launchBrowser, checkA11y } from './browser.mjs';

const SHOTS = join(ROOT, 'build-check', 'screenshots');

let srv;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [srv, browser] = await Promise.all([startRosc(), launchBrowser()]);
});

after(async () => {
  // Close the browser first, then stop rosc; stop() throws if rosc did not
  // exit cleanly (sanitizer report or a non-zero status).
  await browser?.close();
  await srv?.stop();
});

/** A new context (fresh cookies) and page; the caller closes the context. */
async function open(options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  return { context, page };
}

/** The sRGB relative luminance of a CSS rgb()/rgba() colour. */
function luminance(css) {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/.exec(css);
  assert.ok(m, `a colour: ${css}`);
  const [r, g, b] = m.slice(1, 4).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const skipLink = (page) => page.locator('body > a[href="#main"]');
const langLink = (page, name) => page.locator('header nav').getByRole('link', { name, exact: true });

describe('home page layout', () => {
  const viewports = [
    { width: 390, height: 844 },
    { width: 320, height: 640 },
    { width: 1280, height: 800 },
  ];
  for (const viewport of viewports) {
    for (const colorScheme of ['light', 'dark']) {
      const name = `${viewport.width}x${viewport.height}-${colorScheme}`;
      test(`home at ${name}`, async () => {
        const { context, page } = await open({ viewport, colorScheme });
        try {
          const res = await page.goto(srv.url + '/');
          assert.equal(res.status(), 200);
          await page.screenshot({ path: join(SHOTS, `home-${name}.png`), fullPage: true });

          assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
          assert.ok(await page.locator('h1').isVisible(), 'the h1 is visible');

          const { scrollWidth, innerWidth, bg } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            bg: getComputedStyle(document.body).backgroundColor,
          }));
          assert.ok(scrollWidth <= innerWidth,
            `no horizontal overflow: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);

          // The colour scheme really applies (the stylesheet follows it).
          const lum = luminance(bg);
          if (colorScheme === 'dark') assert.ok(lum < 0.2, `dark background, got ${bg}`);
          else assert.ok(lum > 0.8, `light background, got ${bg}`);

          await checkA11y(page, `/ at ${name}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('language switch in the header', () => {
  let context;
  let page;
  let englishH1;

  before(async () => {
    ({ context, page } = await open({ viewport: { width: 390, height: 844 } }));
    await page.goto(srv.url + '/');
    englishH1 = (await page.locator('h1').textContent()).trim();
  });
  after(async () => { await context?.close(); });

  /** Clicks a language link and waits for the page in that language. */
  async function switchTo(name, lang) {
    await langLink(page, name).click();
    await page.waitForSelector(`html[lang="${lang}"]`, { state: 'attached' });
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/', 'back on the page we came from');
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    const current = page.locator('header nav a[aria-current="true"]');
    assert.equal(await current.count(), 1, 'exactly one current language');
    assert.equal((await current.textContent()).trim(), name);
    assert.equal(await langLink(page, name).getAttribute('aria-current'), 'true');
    const cookies = await context.cookies(srv.url);
    assert.equal(cookies.find((c) => c.name === 'lang')?.value, lang, 'the lang cookie is set');
  }

  test('Dansk', async () => {
    await switchTo('Dansk', 'da');
    assert.equal((await skipLink(page).textContent()).trim(), 'Gå til indholdet',
      'the skip link is in Danish');
    assert.notEqual((await page.locator('h1').textContent()).trim(), englishH1,
      'the heading is in Danish');
    await checkA11y(page, '/ in Danish');
  });

  test('Nederlands', async () => {
    await switchTo('Nederlands', 'nl');
    assert.equal((await skipLink(page).textContent()).trim(), 'Naar de inhoud',
      'the skip link is in Dutch');
    assert.notEqual((await page.locator('h1').textContent()).trim(), englishH1,
      'the heading is in Dutch');
    await checkA11y(page, '/ in Dutch');
  });

  test('English', async () => {
    await switchTo('English', 'en');
    assert.equal((await skipLink(page).textContent()).trim(), 'Skip to content');
    assert.equal((await page.locator('h1').textContent()).trim(), englishH1);
  });
});

test('works with JavaScript disabled', async () => {
  const { context, page } = await open({ javaScriptEnabled: false });
  try {
    const res = await page.goto(srv.url + '/');
    assert.equal(res.status(), 200);
    assert.ok(await page.locator('h1').isVisible(), 'the h1 is shown');
    assert.ok((await page.locator('h1').textContent()).trim().length > 0);
    // The language switch is plain links, so it works without scripts too.
    await langLink(page, 'Nederlands').click();
    await page.waitForSelector('html[lang="nl"]', { state: 'attached' });
    assert.ok(await page.locator('h1').isVisible());
  } finally {
    await context.close();
  }
});

test('keyboard: the first Tab reaches a visible skip link', async () => {
  const viewport = { width: 390, height: 844 };
  const { context, page } = await open({ viewport });
  try {
    await page.goto(srv.url + '/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a.tagName, href: a.getAttribute('href'), text: a.textContent.trim() };
    });
    assert.deepEqual({ tag: focused.tag, href: focused.href }, { tag: 'A', href: '#main' },
      `the skip link has focus, not ${JSON.stringify(focused)}`);
    assert.equal(focused.text, 'Skip to content');

    const box = await skipLink(page).boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, 'the focused skip link has a size');
    assert.ok(box.x >= 0 && box.y >= 0
      && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height,
      `the focused skip link is inside the viewport: ${JSON.stringify(box)}`);

    // Following it moves focus to the main content.
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main',
      'Enter on the skip link moves focus to <main>');
  } finally {
    await context.close();
  }
});

test('not-found page answers 404 with a way back', async () => {
  const { context, page } = await open({ viewport: { width: 390, height: 844 } });
  try {
    const res = await page.goto(srv.url + '/no-such-page');
    assert.equal(res.status(), 404);
    const h1 = page.locator('h1');
    assert.equal(await h1.count(), 1, 'exactly one h1');
    assert.ok(await h1.isVisible(), 'a heading is shown');
    const home = page.locator('main a[href="/"]');
    assert.ok(await home.count() >= 1, 'a link to the front page');
    assert.ok(await home.first().isVisible(), 'the link to the front page is visible');
    await checkA11y(page, '/no-such-page');
  } finally {
    await context.close();
  }
});
