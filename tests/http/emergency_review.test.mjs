// Emergency access is reviewed afterwards by the person's home
// organisation: its admins and coordinators see every break of the glass
// to their persons, mark each reviewed, and the person's log shows that
// the review looked at their record. Nobody else sees any of it. The demo
// (src/cmd/demo.c): Lars, a doctor, opened Sam's record two weeks ago;
// Sam's home organisation is Behandlingscenter Nordlys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client, roscCli } from '../lib/rosc.mjs';

let srv, sam, eid;
const sql = (q) => srv.sql(q);
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const userId = (name) => sql(`SELECT id FROM user_account WHERE username=${q(name)}`);
const reviewed = () => sql(`SELECT coalesce(reviewed_by, '-') || '|' || coalesce(review_note, '-')
  FROM emergency_access WHERE id=${q(eid)}`);
const main = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  sam = sql("SELECT id FROM person WHERE display_name='Sam'");
  eid = sql(`SELECT id FROM emergency_access WHERE person_id=${q(sam)}`);
  assert.match(eid, /^[0-9a-f]{32}$/, 'the demo has an emergency access to Sam');
});
after(async () => { await srv.stop(); });

test('the home organisation reviews: the access, who, when, why; logged for the person', async () => {
  const anne = await client(srv).signIn('anne');
  let res = await anne.get('/persons');
  assert.match(await res.text(), /href="\/emergencies"/, 'the caseload leads there');
  res = await anne.get('/emergencies');
  assert.equal(res.status, 200);
  const page = main(await res.text());
  assert.match(page, /1 waits for review\./);
  assert.match(page, /<h2>Sam<\/h2>/);
  assert.match(page, /Lars Bech \(Lægehuset Søndermarken\)/);
  assert.match(page, /Found unconscious at the clinic/);
  assert.match(page, new RegExp(`action="/persons/${sam}/emergency/${eid}/review"`));
  assert.equal(sql(`SELECT what || ' ' || action || ' ' || why FROM access_log
    WHERE person_id=${q(sam)} AND actor_id=${q(userId('anne'))}`), 'review read duty');
  // Sam reads it in his own words.
  const s = await client(srv).signIn('sam');
  assert.match(await (await s.get('/me/log')).text(),
    /Reviewed an emergency access to your record, for your home organisation/);
});

test('a review: bad input is kept at the field, then it is saved once, in the audit log', async () => {
  const anne = await client(srv).signIn('anne');
  const path = `/persons/${sam}/emergency/${eid}/review`;
  let res = await anne.post(path, { [`note_${eid}`]: 'x'.repeat(501) });
  assert.equal(res.status, 422);
  let page = await res.text();
  assert.match(page, new RegExp(`<textarea id="f-note_${eid}"[^>]*aria-invalid="true"[^>]*>\\nx{501}</textarea>`));
  assert.equal(reviewed(), '-|-', 'nothing saved');
  res = await anne.post(path, { [`note_${eid}`]: 'Rimeligt: Sam var bevidstløs. Vi har talt med ham.' });
  assert.equal(res.status, 303);
  assert.equal(reviewed(), `${userId('anne')}|Rimeligt: Sam var bevidstløs. Vi har talt med ham.`);
  page = main(await (await anne.get('/emergencies?done=1')).text());
  assert.match(page, /Nothing waits for review\./);
  assert.match(page, /Reviewed by Anne Holm on /);
  // Once: a second click finds nothing left to review.
  res = await anne.post(path, { [`note_${eid}`]: 'Again' });
  assert.equal(res.status, 404);
  assert.match(reviewed(), /Vi har talt med ham\.$/);
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'emergency.review'`), '1');
  const v = roscCli(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stderr);
});

test('nobody else sees or reviews them: other roles, other organisations, unknown ids', async () => {
  const path = `/persons/${sam}/emergency/${eid}/review`;
  for (const who of ['peter', 'jonas', 'else', 'lars']) {
    const c = await client(srv).signIn(who);
    assert.equal((await c.get('/emergencies')).status, 403, who);
    assert.doesNotMatch(await (await c.get('/persons')).text(), /href="\/emergencies"/, who);
    assert.equal((await c.post(path, { [`note_${eid}`]: 'x' })).status, 404, who);
  }
  // Daan coordinates at De Brug: Sam is not theirs.
  const daan = await client(srv).signIn('daan');
  const page = main(await (await daan.get('/emergencies')).text());
  assert.match(page, /Nothing waits for review\./);
  assert.doesNotMatch(page, /Sam|Lars/);
  sql(`UPDATE emergency_access SET reviewed_by = NULL, reviewed_us = NULL WHERE id=${q(eid)}`);
  assert.equal((await daan.post(path, { [`note_${eid}`]: 'x' })).status, 404);
  const anne = await client(srv).signIn('anne');
  const unknown = '0123456789abcdef0123456789abcdef';
  assert.equal((await anne.post(`/persons/${sam}/emergency/${unknown}/review`, {})).status, 404);
  assert.equal((await anne.post(`/persons/${unknown}/emergency/${eid}/review`, {})).status, 404);
  assert.equal(reviewed(), '-|Rimeligt: Sam var bevidstløs. Vi har talt med ham.');
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(sam)}
    AND actor_id IN (${['daan', 'peter', 'jonas', 'else'].map((u) => q(userId(u))).join(', ')})
    AND what = 'review'`), '0');
});
