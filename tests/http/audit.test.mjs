// The audit log: the admin page (/admin/audit) with its filters and paging,
// who may see it, and `rosc audit verify` on an intact and a tampered copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from '../lib/run.mjs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startRosc, client, roscCli, copyDb, PG } from '../lib/rosc.mjs';

const sql = (db, q) => {
  const r = spawnSync('sqlite3', [db, q], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};
const rows = (html) => (html.match(/<tr><td[ >]/g) || []).length;
const olderLink = (html) => {
  const m = /<a href="([^"]+)" rel="next">Older entries<\/a>/.exec(html);
  return m ? m[1].replaceAll('&amp;', '&') : null;
};

test('rosc audit: help and usage', () => {
  for (const args of [['audit', '--help'], ['audit', 'verify', '--help']]) {
    const r = roscCli(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /^Usage: rosc audit verify/);
  }
  for (const args of [['audit'], ['audit', 'frobnicate'], ['audit', 'verify', 'extra']]) {
    const r = roscCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /Usage: rosc audit verify/);
  }
});

test('the audit log page, its filters, and verify on tampered copies', async () => {
  // The proxy lets failed sign-ins come from several addresses, so the
  // address throttle does not stop the log from filling a second page.
  const srv = await startRosc({ args: ['--trusted-proxy', '127.0.0.1'] });
  const dir = srv.dir;
  try {
    const admin = await client(srv).signIn('admin');
    const stranger = client(srv);
    await stranger.get('/signin');
    let res = await stranger.post('/signin?next=%2F', { username: 'anne', password: 'not her password' });
    assert.equal(res.status, 401);

    res = await admin.get('/admin/audit');
    assert.equal(res.status, 200);
    let html = await res.text();
    assert.match(html, /<h1>Audit log<\/h1>/);
    assert.match(html, /<code>signin\.success<\/code>/);
    assert.match(html, /<code>signin\.failure<\/code>/);
    assert.match(html, /Signed in/);
    assert.match(html, /Sign-in failed/);
    assert.match(html, /Administrator \(admin\)/);          // who, by name
    assert.match(html, /username=anne/);                     // detail
    assert.match(html, /<code>demo\.load<\/code>[\s\S]*<code>user\.create<\/code>/);  // newest first
    const filter = /<form method="get" action="\/admin\/audit"[\s\S]*?<\/form>/.exec(html);
    assert.ok(filter, 'a GET filter form');
    assert.doesNotMatch(filter[0], /name="csrf"/);
    assert.doesNotMatch(html, /style=|<script/);

    // The filters: an action family, and who did it.
    html = await (await admin.get('/admin/audit?action=signin.&who=')).text();
    assert.match(html, /signin\.success/);
    assert.match(html, /signin\.failure/);
    assert.doesNotMatch(html, /<code>demo\.load/);
    assert.match(html, /<option value="signin\." selected>/);
    html = await (await admin.get('/admin/audit?action=&who=ADMIN')).text();
    assert.match(html, /<code>signin\.success/);
    assert.doesNotMatch(html, /<code>signin\.failure/);     // made by nobody signed in
    assert.doesNotMatch(html, /<code>demo\.load/);
    res = await admin.get('/admin/audit?who=nosuchperson');
    assert.equal(res.status, 200);
    html = await res.text();
    assert.match(html, /There is no account with the user name nosuchperson/);
    assert.equal(rows(html), 0);

    // Bad parameters get the page with a message, never a crash.
    for (const q of ['before=abc', 'before=-4', 'before=99999999999999999999999', 'action=bogus',
      'who=%01x']) {
      res = await admin.get(`/admin/audit?${q}`);
      assert.equal(res.status, 400, q);
      html = await res.text();
      assert.match(html, /The page address was not understood/, q);
      assert.ok(rows(html) > 0, q);
    }
    res = await admin.get('/admin/audit?who=%FF');           // refused at the door
    assert.equal(res.status, 400);
    html = await (await admin.get('/admin/audit?who=%3Cb%3Ex')).text();
    assert.match(html, /user name &lt;b&gt;x\./);

    // A professional may not read it; nor may anyone signed out.
    const peter = await client(srv).signIn('peter');
    assert.equal((await peter.get('/admin/audit')).status, 403);
    assert.notEqual((await client(srv).get('/admin/audit')).status, 200);

    // Paging: fill a second page of sign-in failures, then walk it with
    // the filter kept.
    for (let i = 0; i < 56; i++) {
      const c = client(srv, { headers: { 'X-Forwarded-For': `198.51.100.${10 + (i % 4)}` } });
      await c.get('/signin');
      res = await c.post('/signin?next=%2F', { username: `ghost${i}`, password: 'wrong password' });
      assert.equal(res.status, 401, `failure ${i}`);
    }
    const failures = Number(srv.sql("SELECT count(*) FROM audit WHERE action LIKE 'signin.%'"));
    assert.ok(failures > 50, `${failures} sign-in entries`);
    html = await (await admin.get('/admin/audit?action=signin.')).text();
    assert.equal(rows(html), 50);
    const older = olderLink(html);
    assert.match(older, /^\/admin\/audit\?action=signin\.&who=&before=\d+$/);
    html = await (await admin.get(older)).text();
    assert.equal(rows(html), failures - 50);
    assert.equal(olderLink(html), null);
    assert.match(html, /Newest entries/);
    assert.doesNotMatch(html, /<code>demo\.load/);

    // Verify runs while rosc serves, too.
    let r = roscCli(['audit', 'verify', '--db', srv.db]);
    assert.equal(r.status, 0, r.stderr);
    if (PG) {
      // The same check on PostgreSQL: an edited entry is found.
      srv.sql("UPDATE audit SET detail='x' WHERE seq=2");
      r = roscCli(['audit', 'verify', '--db', srv.db]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /entry 2 was changed/);
    }
  } finally {
    await srv.stop({ keep: !PG });
  }
  if (PG) return;   // the copies below are SQLite files and their head files
  try {
    const db = srv.dbPath;
    let r = roscCli(['audit', 'verify', '--db', `sqlite:${db}`]);
    assert.equal(r.status, 0, r.stderr);
    const n = Number(sql(db, 'SELECT max(seq) FROM audit'));
    assert.match(r.stdout, new RegExp(`^The audit log is intact: ${n} entries\\.`));

    const copy = (name) => {
      const to = join(dir, `${name}.db`);
      copyDb(db, to);
      return to;
    };
    const changed = copy('changed');
    sql(changed, "UPDATE audit SET detail='x' WHERE seq=2");
    r = roscCli(['audit', 'verify', '--db', `sqlite:${changed}`]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not intact/);
    assert.match(r.stderr, /entry 2 was changed/);

    const cut = copy('cut');
    sql(cut, 'DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)');
    r = roscCli(['audit', 'verify', '--db', `sqlite:${cut}`]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`the newest entries were cut off after ${n - 1}\\.`));

    const removed = copy('removed');
    sql(removed, 'DELETE FROM audit WHERE seq = 3');
    r = roscCli(['audit', 'verify', '--db', `sqlite:${removed}`]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /entries from 3 were removed/);

    const headless = copy('headless');
    rmSync(`${headless}.audit-head`);
    r = roscCli(['audit', 'verify', '--db', `sqlite:${headless}`]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /head file is missing/);

    r = roscCli(['audit', 'verify', '--db', `sqlite:${join(dir, 'none.db')}`]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no database/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
