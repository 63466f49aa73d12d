// The consent matrix for peer workers (src/web/peers.c, src/web/coaching.c,
// src/api/peers.c, src/api/coaching.c), beside
// tests/http/consent_matrix.test.mjs and with the same people and consent
// states (its helpers are repeated here, so that each file stays within
// the time one test file may take on PostgreSQL): coaching sessions are
// notes; what she asks of a peer, and so the peers suggested, is her plan,
// and the substance she asked for is used (and logged) only where
// substance use is shared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { ACTORS, STATES, expected, setConsent as setConsentOf, logged as loggedOf } from '../lib/consent.mjs';

let srv, mette;
const sql = (q) => srv.sql(q);
const CATS = ['basic', 'notes', 'plan', 'substance', 'appointments', 'questionnaires'];
const setConsent = (state) => setConsentOf(sql, mette, state, CATS);
const logged = (user, what) => loggedOf(sql, mette, user, what);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => { await srv.stop(); });

// Everyone signed in once, for the four states in turn.
let clients;
async function signedIn() {
  if (clients) return clients;
  clients = {};
  for (const user of Object.keys(ACTORS)) {
    clients[user] = client(srv);
    await clients[user].signIn(user, undefined, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  }
  return clients;
}

// One test per consent state, so that each stays well within the time one
// test may take on PostgreSQL.
for (const state of STATES) test(`consent ${state}: coaching sessions and suggested peers x relationship, and the log`, async () => {
  // Amira knows opioids from her own life: she fits with or without it.
  sql(`UPDATE peer_preference SET substance = 'opioids' WHERE person_id = '${mette}'`);
  await signedIn();
  const problems = [];
  {
    setConsent(state);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const want = expected(relation, state);
      for (const [what, path, words] of [
        ['notes', `/api/v1/persons/${mette}/coaching`, /Kaffe på Østerbro/],
        // (The page /persons/{id}/peers asks the same door; peers.test.mjs.)
        ['plan', `/api/v1/peers/matches?person=${mette}`, /Amira Haddad/]]) {
        const before = logged(user, what), subst = logged(user, 'substance');
        const res = await clients[user].get(path);
        if (res.status !== want) problems.push(`${state}: ${user} (${relation}) ${path}: expected ${want}, got ${res.status}`);
        const body = await res.text();
        const plain = path.startsWith('/api/') ? /"code": *"forbidden"/ : /not shared this with you/;
        if (want === 403 && !plain.test(body)) problems.push(`${state}: ${user} ${path}: 403 without the plain words`);
        if (want === 404 && /Mette/.test(body)) problems.push(`${state}: ${user} ${path}: the 404 names her`);
        if ((want === 200) !== words.test(body)) problems.push(`${state}: ${user} ${path}: shown ${words.test(body)}, expected ${want === 200}`);
        const after = logged(user, what);
        if (want === 200 && after !== before + 1) problems.push(`${state}: ${user} ${what}: read not logged (${before} -> ${after})`);
        if (want !== 200 && after !== before) problems.push(`${state}: ${user} ${what}: a refusal was logged`);
        // The substance asked for: used and logged with substance use shared.
        const substAfter = logged(user, 'substance');
        if (what === 'plan' && want === 200 && substAfter !== subst + 1) problems.push(`${state}: ${user} ${path}: the substance used, not logged`);
        if (what === 'plan' && want === 200 && path.startsWith('/api/') && !/"substance": *"opioids"/.test(body)) problems.push(`${state}: ${user}: the substance not shown`);
        if (want !== 200 && substAfter !== subst) problems.push(`${state}: ${user} ${path}: substance logged on a refusal`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('with the plan shared but not substance use, the peers are matched without it', async () => {
  setConsent('given');
  sql(`DELETE FROM consent WHERE person_id = '${mette}' AND category = 'substance'`);
  // Lived experience with alcohol: Amira has none, so with the substance
  // she would not fit; without it she does.
  sql(`UPDATE peer_preference SET substance = 'alcohol' WHERE person_id = '${mette}'`);
  const karin = client(srv);
  await karin.signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  const subst = logged('karin', 'substance');
  const doc = await (await karin.get(`/api/v1/peers/matches?person=${mette}`)).json();
  assert.equal(doc.preferences.substance, null);
  assert.deepEqual(doc.matches.map((m) => m.name), ['Amira Haddad']);
  assert.equal(logged('karin', 'substance'), subst);
  // Peter, at her home organisation, reads it by duty: no one fits.
  const peter = client(srv);
  await peter.signIn('peter');
  const own = await (await peter.get(`/api/v1/peers/matches?person=${mette}`)).json();
  assert.equal(own.preferences.substance, 'alcohol');
  assert.deepEqual(own.matches, []);
});
