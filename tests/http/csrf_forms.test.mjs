// CSRF and session fixation over every form. Two ways round, so that a form
// added later is covered without touching this file:
//  - every write route of the table (`rosc routes --json`), as an account
//    the route lets in, without the CSRF token, with another session's
//    token, and from another site: each a 403 before its handler runs;
//  - every form a crawl of the pages finds, as several demo accounts: each
//    carries the token, and sent back whole (its real ids and values) but
//    without the token or with someone else's, is refused the same way.
// Nothing is written by any of them (the rows of every table are counted
// before and after). And a session id never outlives a sign-in or a
// sign-out: one known before is not the one used after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client, roscCli, PG, DEMO_PASSWORD } from '../lib/rosc.mjs';

let srv;
const sql = (q) => srv.sql(q);
before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");   // the pages' words, for the checks
});
after(async () => { await srv.stop(); });

// Tables the server's own background work writes to whatever the test does
// (the job queue, the outbox, a session's last use).
const BUSY = new Set(['job', 'outbox', 'session', 'api_token', 'signin_throttle']);

/** The number of rows of every table, as "name=count" lines. */
function census() {
  const names = (PG
    ? sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
    : sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"))
    .split('\n').filter((t) => t && !BUSY.has(t));
  return sql(names.map((t) => `SELECT '${t}=' || count(*) FROM ${t}`).join(' UNION ALL '))
    .split('\n').sort().join('\n');
}

const ZERO_ID = '0'.repeat(32);
// A value of each parameter kind with the right shape (the CSRF check comes
// before the shape check, so any shape would do; these keep it honest).
const PARAM = { id: ZERO_ID, code: 'housing', token: 'A'.repeat(43), file: 'x.css', hsds: 'demo-svc-x', slug: 'x', fhir: 'x' };

/** A signed-in client and the CSRF token of its session. */
async function as(username, orgName) {
  const c = client(srv);
  await c.signIn(username, DEMO_PASSWORD, orgName ? { orgName } : {});
  return c;
}

const ACTOR_FOR = { anyone: null, signed_in: 'mette', staff: 'peter', org_admin: 'anne', sysadmin: 'admin' };

function refused(res, where) {
  assert.equal(res.status, 403, where);
}

test('every write route refuses a missing, foreign or cross-site CSRF token, and writes nothing', async () => {
  const routes = JSON.parse(roscCli(['routes', '--json']).stdout)
    .filter((r) => !['GET', 'HEAD'].includes(r.method));
  assert.ok(routes.length > 100, `${routes.length} write routes`);
  const clients = {};
  for (const [access, user] of Object.entries(ACTOR_FOR)) {
    if (user) clients[access] = await as(user);
    else { clients[access] = client(srv); await clients[access].get('/signin'); }
  }
  const stranger = await as('lars');          // another session's token
  const visitor = client(srv);
  await visitor.get('/signin');                // another visitor's pre-session token
  const before = census();
  let checked = 0;
  for (const r of routes) {
    let k = 0;
    const path = r.path.replace(/\{[^}]+\}/g, () => PARAM[r.params[k++]]);
    const c = clients[r.access];
    assert.ok(c, `an account for ${r.access}`);
    const json = r.flags.includes('json');
    const other = r.access === 'anyone' ? visitor.csrf : stranger.csrf;
    const where = `${r.method} ${r.path}`;
    for (const [token, headers] of [[null, {}], [other, {}], [c.csrf, { Origin: 'https://evil.example' }]]) {
      let res;
      if (json) {
        res = await c.request(r.method, path, {
          body: '{}',
          headers: { 'Content-Type': 'application/json', ...(token ? { 'X-CSRF-Token': token } : {}), ...headers },
        });
        refused(res, where);
        assert.equal((await res.json()).code ?? 'csrf_failed', 'csrf_failed', where);
      } else {
        const body = new URLSearchParams(token ? { csrf: token } : {}).toString();
        res = await c.request(r.method, path, {
          body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        });
        refused(res, where);
        assert.match(await res.text(), /This form has expired/, where);
      }
      checked++;
    }
  }
  assert.equal(census(), before, 'nothing was written');
  // Each refusal was the CSRF check's, before any handler ran.
  // (The log line comes after the answer: wait for the last.)
  let refusals = 0;
  for (let i = 0; i < 50 && refusals < checked; i++) {
    refusals = (srv.log().match(/status=403 us=\d+ problem=csrf_failed/g) || []).length;
    if (refusals < checked) await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(refusals, checked, `${refusals} of ${checked} refused as csrf_failed`);
});

// The accounts the crawl signs in as: a person, family, each staff role,
// an organisation admin and the system admin.
const CRAWL = [['mette'], ['birgit'], ['peter'], ['karin', 'Socialforvaltningen Østerbro'],
  ['jonas'], ['else'], ['anne'], ['admin']];
const MAX_PAGES = 30;

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every POST form of a page: its action and its fields as the page fills them. */
function forms(html, path) {
  const out = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(m[1])) continue;
    const action = decode((/action="([^"]*)"/.exec(m[1]) || [])[1] ?? path);
    const fields = new URLSearchParams();
    for (const i of m[2].matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = (/\bname="([^"]*)"/.exec(i[2]) || [])[1];
      if (!name) continue;
      const type = (/\btype="([^"]*)"/.exec(i[2]) || [])[1] || '';
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(i[2])) continue;
      fields.append(decode(name), decode((/\bvalue="([^"]*)"/.exec(i[2]) || [])[1] ?? 'x'));
    }
    out.push({ action, fields });
  }
  return out;
}

const followable = (h) => h.startsWith('/') && !h.startsWith('//') &&
  !/^\/(api|static|fhir|signout|lang|metrics|healthz|robots\.txt)(\/|\?|$)/.test(h);

test('every form the pages show carries the token, and is refused without it or with another session\'s', async () => {
  const stranger = await as('lars');
  // First the crawl (reading lands in the access log), then the posts.
  const found = [];
  const seenForms = new Set();
  for (const [user, org] of CRAWL) {
    const c = await as(user, org);
    const seen = new Set();
    const queue = ['/'];
    let pages = 0;
    while (queue.length && pages < MAX_PAGES) {
      const path = queue.shift();
      const shape = path.replace(/[0-9a-f]{32}/g, ':id').replace(/\?.*$/, '');
      if (seen.has(shape)) continue;
      seen.add(shape);
      const res = await c.get(path);
      if (!(res.headers.get('content-type') || '').startsWith('text/html')) continue;
      const html = await res.text();
      pages++;
      for (const f of forms(html, path)) {
        const fshape = f.action.replace(/[0-9a-f]{32}/g, ':id').replace(/\?.*$/, '');
        assert.ok(f.fields.has('csrf'), `the form to ${f.action} on ${path} (as ${user}) has a CSRF token`);
        if (seenForms.has(`${user} ${fshape}`)) continue;
        seenForms.add(`${user} ${fshape}`);
        found.push({ c, user, path, ...f });
      }
      for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) {
        const h = decode(m[1]).replace(/#.*$/, '');
        if (h && followable(h)) queue.push(h);
      }
    }
  }
  assert.ok(found.length >= 40, `${found.length} forms found`);
  const before = census();
  let sent = 0;
  for (const { c, user, path, action, fields } of found) {
    for (const token of [null, stranger.csrf]) {
      const body = new URLSearchParams(fields);
      if (token) body.set('csrf', token); else body.delete('csrf');
      const r = await c.request('POST', action, {
        body: body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(r.status, 403, `${user}: ${action} from ${path}`);
      sent++;
    }
  }
  assert.equal(census(), before, 'nothing was written');
  console.log(`# ${found.length} forms, ${sent} refused posts`);
});

test('a session id known before sign-in, or kept from before a sign-out, is never the one in use', async () => {
  const c = client(srv);
  await c.get('/signin');
  const pre = c.jar.get('rosc_pre');
  const preToken = c.csrf;
  assert.ok(pre && preToken, 'a pre-session token before sign-in');
  // Someone plants a session id of their own before sign-in...
  const attacker = await as('lars');
  const planted = attacker.jar.get('rosc_session');
  c.jar.set('rosc_session', planted);
  // (a real session of someone else's). The sign-in form she had open
  // no longer goes through ("this form has expired")...
  let res = await c.post('/signin?next=%2F', { username: 'mette', password: DEMO_PASSWORD }, { csrf: preToken });
  assert.equal(res.status, 403);
  // ...and even sent with the planted session's own token, signing in
  // makes a new session: the planted id is never hers.
  res = await c.post('/signin?next=%2F', { username: 'mette', password: DEMO_PASSWORD }, { csrf: attacker.csrf });
  assert.equal(res.status, 303);
  const mine = c.jar.get('rosc_session');
  assert.ok(mine && mine !== planted && mine !== pre, 'a fresh session id at sign-in');
  const who = await fetch(`${srv.url}/api/v1/me`, { headers: { Cookie: `rosc_session=${planted}` } });
  assert.notEqual(who.status === 200 ? (await who.json()).username : null, 'mette');
  assert.equal((await (await c.get('/api/v1/me')).json()).username, 'mette');
  // The pre-session token is no CSRF token of the new session.
  await c.get('/me/settings');
  assert.notEqual(c.csrf, preToken);
  res = await c.post('/me/settings/language', { lang: 'da' }, { csrf: preToken });
  assert.equal(res.status, 403);

  // Sign out: the id (and its token) stop working at once.
  const token = c.csrf;
  res = await c.post('/signout');
  assert.equal(res.status, 303);
  res = await fetch(`${srv.url}/me/settings`, { headers: { Cookie: `rosc_session=${mine}` }, redirect: 'manual' });
  assert.equal(res.status, 303, 'the old session is gone');
  // Signing in again on the same browser gives yet another id and token.
  c.jar.set('rosc_session', mine);
  await c.signIn('mette');
  assert.notEqual(c.jar.get('rosc_session'), mine);
  assert.notEqual(c.csrf, token);
  const stale = await c.post('/me/settings/language', { lang: 'da' }, { csrf: token });
  assert.equal(stale.status, 403, "the old session's token is no good in the new one");
});
