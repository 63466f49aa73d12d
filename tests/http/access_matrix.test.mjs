// Every route x every kind of visitor -> the expected answer. A route with
// no row here fails the test, so no new page can skip this table. Later
// issues add visitor kinds (signed-in roles, relationship to a person).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, roscCli } from '../lib/rosc.mjs';

// "METHOD pattern": { path: a concrete URL, expect: { visitor: status } }
const MATRIX = {
  'GET /': { path: '/', expect: { anonymous: 200 } },
  'GET /api/v1/': { path: '/api/v1/', expect: { anonymous: 200 } },
  'GET /healthz': { path: '/healthz', expect: { anonymous: 200 } },
  'GET /lang': { path: '/lang?set=da&next=/', expect: { anonymous: 303 } },
  'GET /metrics': { path: '/metrics', expect: { anonymous: 200, proxied: 404 } },
  'GET /robots.txt': { path: '/robots.txt', expect: { anonymous: 200 } },
  'GET /static/{file}': { path: '/static/style.css', expect: { anonymous: 200 } },
};

const VISITORS = {
  anonymous: {},
  // The same request arriving through a proxy.
  proxied: { 'X-Forwarded-For': '203.0.113.5' },
};

let srv;
before(async () => { srv = await startRosc(); });
after(async () => { await srv.stop(); });

test('every route has a row in the access matrix', () => {
  const routes = JSON.parse(roscCli(['routes', '--json']).stdout);
  const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !MATRIX[k]);
  assert.deepEqual(missing, [], 'add these routes to tests/http/access_matrix.test.mjs');
  const stale = Object.keys(MATRIX).filter((k) => !routes.some((r) => `${r.method} ${r.path}` === k));
  assert.deepEqual(stale, [], 'rows for routes that no longer exist');
});

test('each visitor gets the expected answer on each route', async () => {
  for (const [key, row] of Object.entries(MATRIX)) {
    const method = key.split(' ')[0];
    for (const [visitor, headers] of Object.entries(VISITORS)) {
      const want = row.expect[visitor] ?? row.expect.anonymous;
      const res = await fetch(srv.url + row.path, { method, headers, redirect: 'manual' });
      assert.equal(res.status, want, `${visitor}: ${key}`);
    }
  }
});
