// The access log's chain against a real rosc: staff reads leave entries
// under links, `rosc audit verify` passes; an entry edited or deleted behind
// rosc's back (sqlite3 or psql) is found and its link named, exit 1; the
// background check gives the person's log page (and its API twin) the time
// it is verified up to, and says plainly when it found a break in a link
// it had not checked yet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, client, roscCli } from '../lib/rosc.mjs';

const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
// Now, as the demo's consents are dated from now; moved on by the test.
let now = Date.now();
function setNow(ms) { now = ms; writeFileSync(clockFile, iso(ms) + '\n'); }

let srv, mette;
before(async () => {
  setNow(now);
  srv = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  srv.sql("UPDATE user_account SET lang = 'en'");
  mette = srv.sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
});
after(async () => { await srv.stop(); rmSync(clockDir, { recursive: true, force: true }); });

const checks = () => (srv.log().match(/msg="access log checked"/g) || []).length;
async function until(ok, what) {
  for (let i = 0; i < 100; i++) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-2000)}`);
}
const verify = () => roscCli(['audit', 'verify', '--db', srv.db]);

test('staff reads are chained, verified, and a tampered entry is named', async () => {
  // The chain began at start: link 1 over the demo's entries, checked at once.
  await until(() => checks() >= 1, 'the first check');
  assert.equal(srv.sql('SELECT count(*) FROM access_link WHERE seq = 1'), '1');
  assert.equal(srv.sql('SELECT count(*) FROM access_log WHERE link_seq IS NOT NULL'), '0');

  const karin = await client(srv).signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  for (const path of ['', 'appointments']) {
    const res = await karin.get(`/persons/${mette}${path ? '/' + path : ''}`);
    assert.equal(res.status, 200, path);
  }
  const linked = Number(srv.sql(`SELECT count(*) FROM access_log WHERE link_seq > 1
    AND person_id = '${mette}'`));
  assert.ok(linked >= 2, `${linked} entries under links`);
  const newest = Number(srv.sql('SELECT max(seq) FROM access_link'));
  assert.ok(newest >= 2);

  let r = verify();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /The audit log is intact: \d+ entries\./);
  assert.match(r.stdout, /The access log is intact: \d+ entries in \d+ links\./);

  // The background check goes on ten minutes later; the person sees how far.
  const seen = checks();
  const start = now;
  setNow(now + 11 * 60 * 1000);
  await until(() => checks() > seen, 'the next check');
  const me = await client(srv).signIn('mette');
  let html = await (await me.get('/me/log')).text();
  assert.match(html, /<p class="small" id="verified">Verified up to [^<]+: every entry until then is as it was written\. Checked on [^<]+\.<\/p>/);
  let res = await me.get('/api/v1/me/log/check');
  assert.equal(res.status, 200);
  let doc = await res.json();
  assert.equal(doc.intact, true);
  assert.ok(Math.abs(Date.parse(doc.verified_up_to) - start) < 2 * 60 * 1000, doc.verified_up_to);
  assert.ok(Date.parse(doc.checked_at) >= start + 10 * 60 * 1000, doc.checked_at);
  assert.equal(doc.problem, null);

  // One entry edited behind rosc's back: found, its link named.
  const row = srv.sql(`SELECT id || '|' || link_seq || '|' || why FROM access_log
    WHERE link_seq > 1 ORDER BY link_seq, id LIMIT 1`).split('|');
  const [id, link, why] = row;
  srv.sql(`UPDATE access_log SET why = '${why === 'duty' ? 'consent' : 'duty'}' WHERE id = '${id}'`);
  r = verify();
  assert.equal(r.status, 1);
  assert.match(r.stderr, /The access log is not intact\./);
  assert.match(r.stderr, new RegExp(`The first problem: an entry under link ${link} was changed\\.`));
  srv.sql(`UPDATE access_log SET why = '${why}' WHERE id = '${id}'`);
  assert.equal(verify().status, 0);

  // One entry deleted: found.
  srv.sql(`DELETE FROM access_log WHERE id = '${id}'`);
  r = verify();
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`an entry under link ${link} was removed\\.`));

  // The background check sees each link once, when it is new: an entry of
  // a new link removed before the check gets there is found, and the page
  // and its API twin say so plainly.
  assert.equal((await karin.get(`/persons/${mette}`)).status, 200);
  const fresh = Number(srv.sql('SELECT max(seq) FROM access_link'));
  assert.ok(fresh > newest);
  srv.sql(`DELETE FROM access_log WHERE id = (SELECT min(id) FROM access_log WHERE link_seq = ${fresh})`);
  const before = checks();
  setNow(start + 22 * 60 * 1000);
  await until(() => checks() > before, 'the check after that');
  html = await (await me.get('/me/log')).text();
  assert.match(html, /This list may have been tampered with\./);
  assert.match(html, /found entries that were changed or removed after they were written/);
  assert.doesNotMatch(html, /Verified up to/);
  doc = await (await me.get('/api/v1/me/log/check')).json();
  assert.equal(doc.intact, false);
  assert.equal(doc.first_broken_link, fresh);
  assert.equal(doc.problem, 'entry_removed');
  assert.equal(doc.verified_up_to, null);
});
