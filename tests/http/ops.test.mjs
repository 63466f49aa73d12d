// Health, metrics, the API index, static assets, the test clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc } from '../lib/rosc.mjs';

let srv;
before(async () => { srv = await startRosc({ env: { ROSC_TEST_NOW: '2030-01-02T03:04:05Z' } }); });
after(async () => { await srv.stop(); });

test('/healthz checks the database and the writer', async () => {
  const res = await fetch(srv.url + '/healthz');
  assert.equal(res.status, 200);
  const h = await res.json();
  assert.deepEqual({ ...h, version: undefined }, { status: 'ok', database: 'ok', writer: 'ok', version: undefined });
});

test('/metrics counts requests per route, for local peers only', async () => {
  await fetch(srv.url + '/');
  await fetch(srv.url + '/nope');
  const res = await fetch(srv.url + '/metrics');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /^rosc_http_requests_total\{method="GET",route="\/",code="2xx"\} [1-9]\d*$/m);
  assert.match(text, /^rosc_http_requests_total\{method="",route="\(none\)",code="4xx"\} [1-9]\d*$/m);
  assert.match(text, /^rosc_http_request_duration_seconds_bucket\{method="GET",route="\/",le="\+Inf"\} [1-9]\d*$/m);
  assert.match(text, /^rosc_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} \d+$/m);
  assert.match(text, /^rosc_store_writes_total \d+$/m);
  // Through a proxy it is not there at all.
  const proxied = await fetch(srv.url + '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
  assert.equal(proxied.status, 404);
});

test('/api/v1/ describes the API', async () => {
  const res = await fetch(srv.url + '/api/v1/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json');
  const doc = await res.json();
  assert.equal(doc.name, 'rosc');
  assert.equal(doc.api, 'v1');
});

test('static assets: ETag, 304, and a year of caching when versioned', async () => {
  const res = await fetch(srv.url + '/static/style.css');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
  const etag = res.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.match(await res.text(), /prefers-color-scheme: dark/);
  const again = await fetch(srv.url + '/static/style.css', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  const v = etag.slice(1, -1);
  const versioned = await fetch(srv.url + '/static/style.css?v=' + v);
  assert.match(versioned.headers.get('cache-control'), /max-age=31536000, immutable/);
  const stale = await fetch(srv.url + '/static/style.css?v=0000000000000000');
  assert.equal(stale.headers.get('cache-control'), 'no-cache');
});

test('unknown assets and path tricks: 404', async () => {
  for (const p of ['/static/nope.css', '/static/..%2Fmeson.build', '/static/robots.txt']) {
    const res = await fetch(srv.url + p);
    assert.equal(res.status, 404, p);
  }
  const robots = await fetch(srv.url + '/robots.txt');
  assert.equal(robots.status, 200);
  assert.match(await robots.text(), /Disallow: \//);
});

test('the test clock sets "now" for the server', async () => {
  await fetch(srv.url + '/');
  await new Promise((r) => setTimeout(r, 50));
  assert.match(srv.log(), /ts=2030-01-02T03:04:05\.000000Z level=info msg=request/);
});
