// The consent matrix for the self-help meetings a person keeps in their
// plan (src/web/meetings.c, src/api/meetings.c), beside
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

// Her meetings are her plan: shown, and the read logged as the plan,
// exactly where the plan is; the refusal says what is not shared and logs
// nothing; nobody but Mette may change them (404, as for a missing page).
test('meetings kept in the plan x consent state x relationship, on the page and in the API', async () => {
  const norrebro = sql("SELECT id FROM meeting WHERE slug = 'dk-norrebro-tirsdag'");
  const clients = {};
  for (const user of Object.keys(ACTORS)) {
    clients[user] = client(srv);
    await clients[user].signIn(user, undefined, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  }
  const problems = [];
  for (const state of STATES) {
    setConsent(state);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const want = expected(relation, state);
      for (const [path, words, plain] of [
        [`/persons/${mette}/plan/meetings`, /Aftenmødet online/, /not shared this with you/],
        [`/api/v1/persons/${mette}/meeting-favourites`, /dk-online-aften/, /"code": *"forbidden"/]]) {
        const before = logged(user, 'plan');
        const res = await clients[user].get(path);
        const body = await res.text();
        if (res.status !== want) problems.push(`${state}: ${user} (${relation}) ${path}: expected ${want}, got ${res.status}`);
        if (want === 403 && !plain.test(body)) problems.push(`${state}: ${user} ${path}: 403 without the plain words`);
        if (want === 404 && /Mette/.test(body)) problems.push(`${state}: ${user} ${path}: the 404 names her`);
        if ((want === 200) !== words.test(body)) problems.push(`${state}: ${user} ${path}: shown ${words.test(body)}`);
        const after = logged(user, 'plan');
        if (want === 200 && after !== before + 1) problems.push(`${state}: ${user} ${path}: read not logged (${before} -> ${after})`);
        if (want !== 200 && after !== before) problems.push(`${state}: ${user} ${path}: a refusal was logged`);
      }
      const res = await clients[user].post(`/persons/${mette}/plan/meetings`, { meeting: norrebro });
      if (res.status !== 404 && res.status !== 403) problems.push(`${state}: ${user} saved for her: ${res.status}`);
    }
  }
  assert.equal(Number(sql(`SELECT count(*) FROM meeting_favourite WHERE meeting_id = '${norrebro}'`)), 0);
  assert.deepEqual(problems, []);
});
