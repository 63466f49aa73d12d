// The consent matrix for the FHIR API: for every resource type that holds
// a person's data and the consent category it belongs to, consent given /
// not given / withdrawn / expired x the kinds of relationship -> the
// resource read (or 404 exactly as for a missing one), a search that shows
// it (or is empty, saying what was withheld to those who know her, and
// saying nothing to anyone else), and the access log. Substance-use
// details only where they are shared. One test per consent state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc } from '../lib/rosc.mjs';
import { ACTORS, STATES, expected, setConsent as setConsentOf, loggedAll } from '../lib/consent.mjs';
import { fhirToken, fhirGet } from '../lib/fhir.mjs';

// Each type of a person's data and the category the door asks for.
const KINDS = {
  Patient: 'basic',
  CarePlan: 'plan',
  Goal: 'plan',
  RelatedPerson: 'basic',
  CareTeam: 'basic',
  QuestionnaireResponse: 'questionnaires',
  Observation: 'questionnaires',
  Appointment: 'appointments',
};
const NOBODY = '0'.repeat(32);

let srv, mette;
const tokens = {};
const sample = {};
const sql = (q) => srv.sql(q);
const get = (user, path) => fhirGet(srv, tokens[user], path);
const matches = (b) => b.entry.filter((e) => e.search.mode === 'match').map((e) => e.resource);
// A search for one person's resources of a type: Patient by _id (staff
// search the persons in their care), the rest by patient.
const about = (type, id) => `/fhir/R4/${type}?${type === 'Patient' ? '_id' : 'patient'}=${id}`;

before(async () => {
  srv = await startRosc();
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  tokens.mette = await fhirToken(srv, 'mette');
  for (const user of Object.keys(ACTORS))
    tokens[user] = await fhirToken(srv, user, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  // One of her own resources of each type, as she sees them.
  for (const type of Object.keys(KINDS)) {
    const b = await (await get('mette', about(type, mette))).json();
    const own = matches(b);
    assert.ok(own.length > 0, `the demo gives Mette a ${type}`);
    sample[type] = own.find((r) => !JSON.stringify(r).includes('substance_use')) || own[0];
  }
});
after(async () => { await srv.stop(); });

const counts = (what) => loggedAll(sql, mette, what);

for (const state of STATES) {
  test(`FHIR: consent ${state} x relationship, for every type, in reads, searches and the log`, async () => {
    const problems = [];
    for (const [type, cat] of Object.entries(KINDS)) {
      setConsentOf(sql, mette, state, [cat]);
      const before = counts(cat);
      for (const [user, relation] of Object.entries(ACTORS)) {
        const want = expected(relation, state);
        const where = `${type} ${state}: ${user} (${relation})`;
        // Read by id.
        const res = await get(user, `/fhir/R4/${type}/${sample[type].id}`);
        const body = await res.json();
        if (want === 200) {
          if (res.status !== 200 || body.id !== sample[type].id) problems.push(`${where}: read ${res.status}`);
        } else {
          const missing = await (await get(user, `/fhir/R4/${type}/${type === 'Patient' || type === 'CarePlan' ? NOBODY : 'f' + NOBODY.slice(1)}`)).json();
          if (res.status !== 404) problems.push(`${where}: read ${res.status}, not 404`);
          if (JSON.stringify(body) !== JSON.stringify(missing)) problems.push(`${where}: the refusal differs from a missing id`);
        }
        // Search.
        const found = await (await get(user, about(type, mette))).json();
        const shown = matches(found).map((r) => r.id);
        const redacted = (found.meta?.security || []).some((s) => s.code === 'REDACTED');
        if (want === 200) {
          if (!shown.includes(sample[type].id)) problems.push(`${where}: search does not show it`);
        } else {
          if (shown.length > 0) problems.push(`${where}: search shows ${shown.length}`);
          const nobody = await (await get(user, about(type, NOBODY))).json();
          if (want === 404 && (redacted || JSON.stringify(found.entry) !== JSON.stringify(nobody.entry)))
            problems.push(`${where}: a stranger's search differs from nobody's`);
          // (A Patient search lists the persons in one's care: she is not one.)
          if (want === 403 && !redacted && type !== 'Patient') problems.push(`${where}: withheld without saying so`);
        }
      }
      // The log: a read and a search each noted for whoever was allowed
      // (a Patient search is a list, one "list" entry a day); nothing for
      // a refusal.
      const after = counts(cat), lists = counts('list');
      for (const [user, relation] of Object.entries(ACTORS)) {
        const want = expected(relation, state);
        const delta = (after[user] || 0) - (before[user] || 0);
        const should = want !== 200 ? 0 : type === 'Patient' ? 1 : 2;
        if (delta !== should) problems.push(`${type} ${state}: ${user} (${relation}): ${delta} entries in the log, not ${should}`);
        if (want === 200 && type === 'Patient' && !(lists[user] >= 1)) problems.push(`${type} ${state}: ${user}: the search is not in the log`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('FHIR: goals about alcohol and drugs only where substance-use details are shared', async () => {
  setConsentOf(sql, mette, 'given', ['plan']);
  const problems = [];
  for (const [user, relation] of Object.entries(ACTORS)) {
    if (expected(relation, 'given') !== 200) continue;
    const b = await (await get(user, `/fhir/R4/Goal?patient=${mette}`)).json();
    const substance = matches(b).some((g) => g.category[0].coding[0].code === 'substance_use');
    const redacted = (b.meta?.security || []).some((s) => s.code === 'REDACTED');
    // Only her home organisation sees them, by its duty of care.
    if (substance !== (relation === 'home')) problems.push(`${user}: substance-use goals shown ${substance}`);
    if (redacted === (relation === 'home')) problems.push(`${user}: REDACTED ${redacted}`);
    const plan = matches(await (await get(user, `/fhir/R4/CarePlan?patient=${mette}`)).json())[0];
    const ids = new Set(matches(b).map((g) => g.id));
    if ((plan.goal || []).some((g) => !ids.has(g.reference.slice(5)))) problems.push(`${user}: the CarePlan names a goal withheld`);
  }
  assert.deepEqual(problems, []);
});
