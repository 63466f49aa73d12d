// The consent matrix through HTTP: consent given / not given / withdrawn /
// expired, for the categories that have pages today (basic details,
// journal notes, the plan, and substance-use details: the plan's domain
// about alcohol and drugs and the relapse-prevention plan), x the kinds of relationship (home organisation, another
// organisation, a peer worker and a family member consented to by name, a
// former member, someone never in the network) -> allow, or 403 vs 404,
// on the pages, in "My people" (and its count), and in the access log.
// appointments too (with who will come along, and her peer groups), and the pathways, part of the plan (pages
// and API), and the questionnaires: the results page and the API (one
// response's page is checked in responses.test.mjs). The policy door's
// unit test walks every category; the check-ins ("check-ins and
// questionnaires") have the same matrix in consent_matrix_checkins.test.mjs,
// with the recovery check-ups beside them, and Help now presses in
// consent_matrix_help_now.test.mjs, the self-help meetings kept in the
// plan in consent_matrix_meetings.test.mjs, messages (in the notes
// category; a refusal there is always a 404) in
// consent_matrix_messages.test.mjs, and coaching sessions and the peers
// suggested in consent_matrix_peers.test.mjs (files of their own, to keep
// each run short).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, client } from '../lib/rosc.mjs';
import { ACTORS, STATES, expected, setConsent as setConsentOf, logged as loggedOf } from '../lib/consent.mjs';

let srv, mette, withElse;
const sql = (q) => srv.sql(q);
const CATS = ['basic', 'notes', 'plan', 'substance', 'appointments', 'questionnaires'];
const setConsent = (state) => setConsentOf(sql, mette, state, CATS);
const logged = (user, what) => loggedOf(sql, mette, user, what);
const id = (q) => sql(q);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = id("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  // The blood tests, with Else going along: who comes is part of the appointment.
  withElse = id(`SELECT appointment_id FROM accompaniment WHERE status = 'accepted' AND person_id = '${mette}'`);
  // Her pathway (the demo's, offered by Peter at her home organisation).
  assert.match(id(`SELECT id FROM pathway WHERE person_id = '${mette}'`), /^[0-9a-f]{32}$/);
  // Her WHO-5 of a week ago (the demo's, scored 60).
  assert.equal(id(`SELECT count(*) FROM questionnaire_response WHERE person_id = '${mette}' AND score = 60`), '1');
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
for (const state of STATES) test(`consent ${state}: each category x relationship, on pages, lists and the log`, async () => {
  await signedIn();
  const problems = [];
  {
    setConsent(state);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const want = expected(relation, state);
      for (const [what, path, words] of [['basic', `/persons/${mette}`], ['notes', `/persons/${mette}/notes`],
        ['plan', `/persons/${mette}/plan`], ['substance', `/persons/${mette}/plan/domains/substance_use`],
        ['plan', `/persons/${mette}/pathways`, /Alcohol treatment \(Denmark, outpatient\)/],
        ['plan', `/api/v1/persons/${mette}/pathways`, /Alcohol treatment \(Denmark, outpatient\)/],
        ['substance', `/persons/${mette}/plan/relapse`, /fester/],
        ['appointments', `/persons/${mette}/appointments`, /Blodprøver hos lægen/],
        ['appointments', `/persons/${mette}/appointments/${withElse}`, /Else from Frivilligcenter Følgeskab will come along/],
        // Her peer groups (membership and attendance) are appointments.
        ['appointments', `/persons/${mette}/groups`, /Tirsdagsgruppen på Østerbro/],
        ['questionnaires', `/persons/${mette}/questionnaires`, /60 \(from 0 to 100\)/],
        ['questionnaires', `/api/v1/persons/${mette}/questionnaire-responses`, /"score": *60/]]) {
        const before = logged(user, what);
        const res = await clients[user].get(path);
        // The person's own notes page sends family elsewhere only if allowed;
        // what matters here is the door's answer.
        const got = res.status === 303 ? 200 : res.status;
        if (got !== want) problems.push(`${state}: ${user} (${relation}) ${what}: expected ${want}, got ${res.status}`);
        const body = await res.text();
        const plain = path.startsWith('/api/') ? /"code": *"forbidden"/ : /not shared this with you/;
        if (want === 403 && !plain.test(body)) problems.push(`${state}: ${user} ${path}: 403 without the plain words`);
        if (want === 404 && /Mette/.test(body)) problems.push(`${state}: ${user} ${what}: the 404 names her`);
        const after = logged(user, what);
        if (words && (want === 200) !== words.test(body)) problems.push(`${state}: ${user} ${path}: shown ${words.test(body)}, expected ${want === 200}`);
        if (want === 200 && res.status === 200 && after !== before + 1) problems.push(`${state}: ${user} ${what}: read not logged (${before} -> ${after})`);
        if (want !== 200 && after !== before) problems.push(`${state}: ${user} ${what}: a refusal was logged`);
      }
      // My people: she is listed (and counted) only if basic details are visible.
      if (user !== 'lars' && user !== 'mia') {
        const list = await (await clients[user].get('/persons?q=mette')).text();
        const listed = list.includes(`/persons/${mette}"`);
        if (listed !== (want === 200)) problems.push(`${state}: ${user} listed=${listed}, expected ${want === 200}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('an unknown id, a malformed id and a person never met look the same', async () => {
  const lars = client(srv);
  await lars.signIn('lars');
  const a = await (await lars.get(`/persons/${mette}`)).text();
  const b = await (await lars.get('/persons/0123456789abcdef0123456789abcdef')).text();
  const c = await (await lars.get('/persons/not-an-id')).text();
  const strip = (s) => s.replace(/value="[^"]*"/g, '').replace(/next=[^"&]*/g, '');
  assert.equal(strip(a), strip(b));
  assert.equal(strip(b), strip(c));
});
