// The consent matrix for Help now presses (src/web/help_now.c), beside
// tests/http/consent_matrix.test.mjs and with the same people and consent
// states (tests/lib/consent.mjs; a file of its own, so that each file
// stays within the time one test file may take on PostgreSQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { ACTORS, STATES, expected, setConsent as setConsentOf, logged as loggedOf } from '../lib/consent.mjs';

let srv, mette;
const sql = (q) => srv.sql(q);
const CATS = ['basic', 'notes', 'plan', 'substance', 'appointments'];
const setConsent = (state) => setConsentOf(sql, mette, state, CATS);
const logged = (user, what) => loggedOf(sql, mette, user, what);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => { await srv.stop(); });

// Help now: a press is guarded as her basic details are, for staff only
// (family are told by message if she chose them). On the caseload it is
// shown, and its read logged, exactly where basic details are; "I have
// seen it" is answered as the door answers for basic details.
test('Help now presses x consent state x relationship, on the caseload and when acknowledged', async () => {
  const press = 'e0000000000000000000000000000001';
  sql(`INSERT INTO help_now_press (person_id, id, at_us, notified) VALUES ('${mette}', '${press}', 1, 0)`);
  const clients = {};
  for (const user of Object.keys(ACTORS)) {
    clients[user] = client(srv);
    await clients[user].signIn(user, undefined, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  }
  const problems = [];
  for (const state of STATES) {
    setConsent(state);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const basic = expected(relation, state);
      const staff = user !== 'birgit';
      sql(`UPDATE help_now_press SET acknowledged_by = NULL, acknowledged_us = NULL WHERE id = '${press}'`);
      const before = logged(user, 'basic');
      const page = await (await clients[user].get('/persons')).text();
      const shown = page.includes(`/persons/${mette}/help-now/${press}/seen`);
      const want = basic === 200 && staff;
      if (shown !== want) problems.push(`${state}: ${user} (${relation}) press shown=${shown}, expected ${want}`);
      if (shown && logged(user, 'basic') <= before) problems.push(`${state}: ${user}: the press's read not logged`);
      const res = await clients[user].post(`/persons/${mette}/help-now/${press}/seen`, {});
      const wantAck = !staff ? 404 : basic === 200 ? 303 : basic;
      if (res.status !== wantAck) problems.push(`${state}: ${user} (${relation}) seen: expected ${wantAck}, got ${res.status}`);
      const seenBy = sql(`SELECT coalesce(acknowledged_by, '-') FROM help_now_press WHERE id = '${press}'`);
      if ((seenBy !== '-') !== (wantAck === 303)) problems.push(`${state}: ${user} seen_by=${seenBy}`);
    }
  }
  sql(`DELETE FROM help_now_press WHERE id = '${press}'`);
  assert.deepEqual(problems, []);
});

