// The home page, languages, security headers and the language switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc } from '../lib/rosc.mjs';

let srv;
before(async () => { srv = await startRosc(); });
after(async () => { await srv.stop(); });

const get = (path, headers = {}) => fetch(srv.url + path, { headers, redirect: 'manual' });

test('home page says what rosc is, with the security headers', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'same-origin');
  assert.match(res.headers.get('permissions-policy'), /camera=\(\)/);
  assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS over plain http');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = await res.text();
  assert.match(body, /<html lang="en">/);
  assert.match(body, /<h1>Support for your recovery, together<\/h1>/);
  assert.match(body, /recovering from alcohol or drug problems/);
  assert.doesNotMatch(body, /<script|style="/, 'no inline script or style (CSP)');
  assert.match(body, /<main id="main"/);
  assert.match(body, /href="\/static\/style\.css\?v=[0-9a-f]{16}"/);
});

test('HEAD answers like GET without a body', async () => {
  const res = await fetch(srv.url + '/', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
});

test('Accept-Language picks Danish and Dutch, and they really are', async () => {
  const da = await (await get('/', { 'Accept-Language': 'da-DK,da;q=0.9,en;q=0.5' })).text();
  const nl = await (await get('/', { 'Accept-Language': 'nl-NL,nl;q=0.9' })).text();
  const en = await (await get('/', { 'Accept-Language': 'fr-FR' })).text();
  assert.match(da, /<html lang="da">/);
  assert.match(da, /Gå til indholdet/);
  assert.match(nl, /<html lang="nl">/);
  assert.match(nl, /Naar de inhoud/);
  assert.match(en, /<html lang="en">/);
  const h1 = (s) => /<h1>([^<]*)<\/h1>/.exec(s)[1];
  assert.notEqual(h1(da), h1(en), 'the Danish heading is translated');
  assert.notEqual(h1(nl), h1(en), 'the Dutch heading is translated');
  assert.notEqual(h1(nl), h1(da));
});

test('the lang cookie wins over Accept-Language', async () => {
  const res = await get('/', { Cookie: 'lang=nl', 'Accept-Language': 'da' });
  assert.equal(res.headers.get('content-language'), 'nl');
  assert.match(await res.text(), /<html lang="nl">/);
  const bad = await get('/', { Cookie: 'lang=<script>', 'Accept-Language': 'da' });
  assert.equal(bad.headers.get('content-language'), 'da');
});

test('the language switch sets a cookie and goes back', async () => {
  const res = await get('/lang?set=da&next=%2F');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^lang=da;/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/, 'not Secure over plain http');
});

test('the language switch never redirects off the site', async () => {
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '%2F%0D%0ASet-Cookie:x=1']) {
    const res = await get('/lang?set=nl&next=' + encodeURIComponent(next));
    assert.equal(res.status, 303, next);
    assert.equal(res.headers.get('location'), '/', next);
  }
});

test('an unknown language is a clear error, not a silent switch', async () => {
  const res = await get('/lang?set=xx&next=%2F', { 'Accept-Language': 'da' });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('set-cookie'), null);
  assert.match(await res.text(), /<html lang="da">/);
  const none = await get('/lang');
  assert.equal(none.status, 400);
});

test('each request leaves one structured log line', async () => {
  await get('/?some=query');
  await new Promise((r) => setTimeout(r, 100));
  assert.match(srv.log(), /level=info msg=request method=GET route="\/" status=200 us=\d+/);
  assert.doesNotMatch(srv.log(), /some=query/, 'query strings (names, searches) stay out of the log');
});
