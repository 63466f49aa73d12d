// The consent matrix for messages (in the "notes" category) through HTTP:
// consent given / not given / withdrawn / expired x the kinds of
// relationship (home organisation, another organisation, a peer worker and
// a family member consented to by name, a former member, someone never in
// the network), on the list of threads, one thread and the API -> allowed
// (and logged as "messages") or 404, never 403: a thread one may not see
// is answered as one that is not there. A file of its own, as
// consent_matrix_checkins.test.mjs, to keep each run short.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { ACTORS, STATES, setConsent as setConsentOf, logged as loggedOf } from '../lib/consent.mjs';

let srv, mette;
const sql = (q) => srv.sql(q);
const CATS = ['notes'];
const setConsent = (state) => setConsentOf(sql, mette, state, CATS);
const logged = (user, what) => loggedOf(sql, mette, user, what);
const id = (q) => sql(q);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = id("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => { await srv.stop(); });

test('messages: consent to notes x relationship, on the list, the thread and the log', async () => {
  const thread = id(`SELECT id FROM message_thread WHERE person_id = '${mette}'`);
  const member = (u) => id(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
    WHERE m.person_id = '${mette}' AND u.username = '${u}' AND m.until_date IS NULL`);
  // Everyone in the network on the demo thread, so each could see it.
  for (const u of ['peter', 'henrik', 'jonas', 'birgit']) {
    sql(`INSERT INTO message_participant (person_id, thread_id, user_id, member_id, read_seq)
      SELECT '${mette}', '${thread}', user_id, id, 0 FROM network_member WHERE person_id = '${mette}' AND id = '${member(u)}'
      ON CONFLICT DO NOTHING`);
  }
  const clients = {};
  for (const user of Object.keys(ACTORS)) {
    clients[user] = client(srv);
    await clients[user].signIn(user, undefined, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  }
  const problems = [];
  for (const state of STATES) {
    setConsent(state);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const want = relation === 'home' || (['org', 'member'].includes(relation) && state === 'given') ? 200 : 404;
      for (const path of [`/persons/${mette}/messages`, `/persons/${mette}/messages/${thread}`,
        `/api/v1/persons/${mette}/messages?thread=${thread}`]) {
        const before = logged(user, 'messages');
        const res = await clients[user].get(path);
        const body = await res.text();
        if (res.status !== want) problems.push(`${state}: ${user} (${relation}) ${path}: expected ${want}, got ${res.status}`);
        if (want === 200 && path.includes(thread) && !/Det er godt at høre/.test(body)) problems.push(`${state}: ${user} ${path}: thread not shown`);
        if (want === 404 && /Mette|køkkenet/.test(body)) problems.push(`${state}: ${user} ${path}: the 404 tells something`);
        const after = logged(user, 'messages');
        if (want === 200 && after !== before + 1) problems.push(`${state}: ${user} ${path}: read not logged (${before} -> ${after})`);
        if (want !== 200 && after !== before) problems.push(`${state}: ${user} ${path}: a refusal was logged`);
      }
    }
  }
  assert.deepEqual(problems, []);
  // The person's own reading is never logged.
  const m = await client(srv).signIn('mette');
  assert.equal((await m.get(`/me/messages/${thread}`)).status, 200);
  assert.equal(logged('mette', 'messages'), 0);
});

