// Several rosc processes on one PostgreSQL: nothing lives in a process.
// A sign-in on one is valid on the other, concurrent edits through both
// obey the plan's version check, the access log keeps every entry and the
// audit chain and the access log's chain stay whole. And when the database goes away, pages say 503
// (sessions kept) and rosc comes back by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client, roscCli, PG, pgUrl, psql } from '../lib/rosc.mjs';

const skip = !PG && 'needs a PostgreSQL test server';
let a, b;

before(async () => {
  if (!PG) return;
  a = await startRosc();
  b = await startRosc({ db: a.db });
  a.sql("UPDATE user_account SET lang = 'en'");
});
after(async () => {
  if (!PG) return;
  await b.stop();
  await a.stop();
});

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];
const textarea = (html, name) => {
  const m = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m ? m[1].replace(/^\n/, '') : '';
};

/** A client of server `to` that uses the session cookie of client c. */
function sameSession(c, to) {
  const d = client(to);
  for (const [k, v] of c.jar) d.jar.set(k, v);
  return d;
}

test('a sign-in on one process is valid on the other, and so is signing out', { skip }, async () => {
  const onA = await client(a).signIn('peter');
  const onB = sameSession(onA, b);
  const res = await onB.get('/me/settings');
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Peter Sørensen/);
  // A form read on B posts with the same session's token on A.
  assert.equal((await onA.post('/signout', {}, { csrf: onB.csrf })).status, 303);
  assert.equal((await onB.get('/me/settings')).status, 303, 'signed out everywhere at once');
});

test('two people save one domain through two processes: one wins, the other is told', { skip }, async () => {
  const mette = a.sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  const m = await client(a).signIn('mette');
  const p = await client(b).signIn('peter');
  const path = `/persons/${mette}/plan/domains/finances`;
  const [hm, hp] = await Promise.all([(await m.get(path)).text(), (await p.get(path)).text()]);
  assert.equal(versionOf(hm), versionOf(hp));
  const form = (html, words) => ({
    now_text: words, strengths: textarea(html, 'strengths'), hopes: textarea(html, 'hopes'),
    matters_most: textarea(html, 'matters_most'), text_lang: 'da', version: versionOf(html),
  });
  const [rm, rp] = await Promise.all([
    m.post(path, form(hm, 'Mette skriver på A')),
    p.post(path, form(hp, 'Peter skriver på B')),
  ]);
  assert.deepEqual([rm.status, rp.status].sort(), [303, 409], 'exactly one save wins');
  const loser = rm.status === 409 ? rm : rp;
  const html = await loser.text();
  assert.match(html, /Someone else changed this while you were writing/);
  const row = a.sql(`SELECT version || '|' || now_text FROM plan_domain WHERE person_id = ${q(mette)} AND domain = 'finances'`);
  assert.equal(row, `${Number(versionOf(hm)) + 1}|${rm.status === 303 ? 'Mette skriver på A' : 'Peter skriver på B'}`);
});

test('reads through both processes all land in the access log; the audit chain stays whole', { skip }, async () => {
  const mette = a.sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  const peterId = a.sql("SELECT id FROM user_account WHERE username = 'peter'");
  const onA = await client(a).signIn('peter');
  const onB = sameSession(onA, b);
  const count = () => Number(a.sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(mette)} AND actor_id = ${q(peterId)}`));
  const first = count();
  assert.equal((await onA.get(`/persons/${mette}/plan`)).status, 200);
  const perView = count() - first;     // the plan, and each category on it
  assert.ok(perView >= 1);
  const before = count();
  const views = [];
  for (let i = 0; i < 20; i++) views.push((i % 2 ? onB : onA).get(`/persons/${mette}/plan`));
  for (const res of await Promise.all(views)) assert.equal(res.status, 200);
  assert.equal(count(), before + 20 * perView, 'every view logged, from both processes');

  // Audited changes through both at once: the chain is one chain.
  const admin = await client(a).signIn('admin');
  const adminB = sameSession(admin, b);
  const orgs = [];
  for (let i = 0; i < 6; i++) {
    orgs.push((i % 2 ? adminB : admin).post('/admin/organisations',
      { name: `Proces ${i}`, sector: 'community', time_zone: 'Europe/Copenhagen' }, { csrf: admin.csrf }));
  }
  for (const res of await Promise.all(orgs)) assert.equal(res.status, 303);
  const v = roscCli(['audit', 'verify', '--db', a.db]);
  assert.equal(v.status, 0, v.stderr);
  // The access log's links from both processes make one chain too.
  assert.match(v.stdout, /The access log is intact: \d+ entries in \d+ links\./);
  assert.ok(Number(a.sql('SELECT count(DISTINCT link_seq) FROM access_log WHERE link_seq > 1')) >= 2);
});

test('the database goes away: 503 and the session kept; it comes back by itself', { skip }, async () => {
  const c = await client(a).signIn('peter');
  const name = new URL(a.db).pathname.slice(1);
  const admin = pgUrl('postgres');
  psql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  psql(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${q(name)}`);
  try {
    let res = await c.get('/');
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.match(await res.text(), /not available right now/);
    assert.doesNotMatch(res.headers.get('set-cookie') || '', /Max-Age=0/i, 'the session cookie is kept');
    res = await c.get('/api/v1/me', { headers: { Accept: 'application/json' } });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal((await res.json()).code, 'unavailable');
  } finally {
    psql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
  }
  const res = await c.get('/me/settings');
  assert.equal(res.status, 200, 'signed in still, once the database is back');
  assert.match(a.log(), /lost the connection to PostgreSQL/);
  assert.match(a.log(), /reconnected to PostgreSQL/);
});
