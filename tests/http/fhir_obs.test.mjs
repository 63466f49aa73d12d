// The FHIR R4 API for questionnaires and check-ins: Questionnaire (the
// definitions, every version, for anyone signed in), QuestionnaireResponse
// (a person's answers) and Observation (each check-in, each score): read,
// search by each parameter, paging, consent as a filter (check-ins and
// questionnaires; craving and use only with substance use shared too),
// the access log, and another person's id answered exactly as a missing
// one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { fhirGet, fhirSend } from '../lib/fhir.mjs';
import { problems } from '../lib/fhir_check.mjs';
import { ACTORS, STATES, expected, setConsent as setConsentOf, logged as loggedOf, loggedAll } from '../lib/consent.mjs';

let srv, mette, jan;
const tokens = {};
const sql = (q) => srv.sql(q);
const setConsent = (state, cats) => setConsentOf(sql, mette, state, cats);
const logged = (user, what) => loggedOf(sql, mette, user, what);
const get = (user, path) => fhirGet(srv, user ? tokens[user] : null, path);
const json = async (user, path) => {
  const res = await get(user, path);
  assert.equal(res.status, 200, `${user} ${path}`);
  return res.json();
};
const resources = (b, type) => b.entry.filter((e) => e.search.mode === 'match').map((e) => e.resource)
  .filter((r) => !type || r.resourceType === type);
const codes = (o) => o.code.coding.map((c) => c.code);
const MISSING = '0'.repeat(32);

// An API token for a demo user, for the organisation named (staff in two).
async function token(username, orgName) {
  const c = client(srv);
  sql(`UPDATE user_account SET lang = 'en' WHERE username = '${username}'`);
  await c.signIn(username, undefined, orgName ? { orgName } : {});
  const res = await c.post('/me/tokens', { name: 'fhir' });
  const m = /<p class="secret">([A-Za-z0-9_-]{43})<\/p>/.exec(await res.text());
  if (!m) throw new Error(`no token for ${username}`);
  return m[1];
}

before(async () => {
  srv = await startRosc();
  for (const u of ['mette', 'jan', ...Object.keys(ACTORS)])
    tokens[u] = await token(u, u === 'karin' ? 'Socialforvaltningen Østerbro' : undefined);
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name = 'Jan Visser'");
});
after(async () => { await srv.stop(); });

// What FHIR R4 asks of ids, instants and references (the validator used
// by make check does not check formats strictly).
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
function formats(r) {
  assert.match(r.id, ID);
  if (r.meta && r.meta.lastUpdated) assert.match(r.meta.lastUpdated, INSTANT);
  for (const k of ['authored', 'effectiveDateTime', 'date']) if (r[k]) assert.match(r[k], INSTANT, k);
  const refs = [];
  (function walk(v) {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.reference === 'string') refs.push(v.reference);
      Object.values(v).forEach(walk);
    }
  })(r);
  for (const ref of refs) assert.match(ref, /^(Patient|QuestionnaireResponse|Questionnaire)\/[A-Za-z0-9\-.]{1,64}$/);
}

test('the CapabilityStatement names the three types and their search parameters', async () => {
  const cs = await (await get(null, '/fhir/R4/metadata')).json();
  const byType = Object.fromEntries(cs.rest[0].resource.map((r) => [r.type, r.searchParam.map((p) => p.name)]));
  for (const p of ['url', 'name', 'title', 'status', 'version']) assert.ok(byType.Questionnaire.includes(p), p);
  for (const p of ['patient', 'questionnaire', 'authored', 'status']) assert.ok(byType.QuestionnaireResponse.includes(p), p);
  for (const p of ['patient', 'code', 'date', 'category', 'component-code', 'derived-from']) assert.ok(byType.Observation.includes(p), p);
  assert.ok(!byType.Questionnaire.includes('patient'), 'definitions belong to no one');
});

test('Questionnaire: every version of each definition, for anyone signed in, searchable', async () => {
  assert.equal((await get(null, '/fhir/R4/Questionnaire')).status, 401);
  const all = resources(await json('lars', '/fhir/R4/Questionnaire?_count=500'));
  const rows = Number(sql('SELECT count(*) FROM questionnaire'));
  assert.equal(all.length, rows, 'every version');
  for (const q of all) {
    formats(q);
    assert.match(q.url, /^urn:rosc:fhir:questionnaire:[a-z0-9-]+$/);
    assert.match(q.name, /^[A-Z][A-Za-z0-9_]*$/, 'a computable name');
    assert.ok(q.item.length > 0);
    for (const it of q.item) {
      assert.equal(it.type, 'choice');
      assert.ok(it.linkId && it.text && it.answerOption.length > 0);
      for (const o of it.answerOption) assert.match(o.valueCoding.code, /^-?\d+$/);
    }
  }
  const who5 = all.find((q) => q.url.endsWith(':who-5'));
  assert.equal(who5.title, 'WHO-5 Well-Being Index');
  assert.equal(who5.status, 'active');
  assert.equal(who5.item[0].answerOption[0].valueCoding.display, 'All of the time');
  // Read by id; a missing id is a 404.
  const one = await json('jonas', `/fhir/R4/Questionnaire/${who5.id}`);
  assert.deepEqual(one, who5);
  const res = await get('jonas', `/fhir/R4/Questionnaire/${MISSING}`);
  assert.equal(res.status, 404);
  assert.equal((await res.json()).resourceType, 'OperationOutcome');
  // The search parameters.
  const ids = async (q) => resources(await json('mette', `/fhir/R4/Questionnaire?${q}`)).map((r) => r.id).sort();
  assert.deepEqual(await ids('url=urn:rosc:fhir:questionnaire:who-5'), all.filter((q) => q.url === who5.url).map((q) => q.id).sort());
  assert.deepEqual(await ids('name=audit'), all.filter((q) => /^AUDIT/.test(q.name)).map((q) => q.id).sort());
  assert.ok((await ids('name=audit')).length >= 2, 'AUDIT and AUDIT-C');
  assert.deepEqual(await ids('name=AUDIT_C'), all.filter((q) => q.name === 'AUDIT_C').map((q) => q.id).sort());
  assert.deepEqual(await ids('title=who-5'), [who5.id]);
  assert.deepEqual(await ids('status=active'), all.filter((q) => q.status === 'active').map((q) => q.id).sort());
  assert.deepEqual(await ids('status=retired'), all.filter((q) => q.status === 'retired').map((q) => q.id).sort());
  assert.deepEqual(await ids(`url=${who5.url}&version=${who5.version}`), [who5.id]);
  assert.equal((await get('mette', '/fhir/R4/Questionnaire?patient=x')).status, 400);
});

test('a newer version of a definition: the old one is retired, both readable', async () => {
  const body = sql("SELECT body FROM questionnaire WHERE code = 'audit-c' ORDER BY version DESC LIMIT 1");
  const v = JSON.parse(body);
  const old = Number(v.version);
  const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
  v.version = old + 1;
  sql(`INSERT INTO questionnaire (id, code, version, name_en, name_nl, name_da, languages, items, score_min, score_max, body, created_by, created_us)
    SELECT 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0', code, ${v.version}, name_en, name_nl, name_da, languages, items, score_min, score_max, ${q(JSON.stringify(v))}, created_by, created_us + 1
    FROM questionnaire WHERE code = 'audit-c' AND version = ${old}`);
  const both = resources(await json('mette', '/fhir/R4/Questionnaire?url=urn:rosc:fhir:questionnaire:audit-c'));
  assert.deepEqual(both.map((r) => [r.version, r.status]).sort(), [[String(old), 'retired'], [String(old + 1), 'active']]);
  sql("DELETE FROM questionnaire WHERE id = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0'");
});

test('QuestionnaireResponse: her answers, read and searched, each item with its answer', async () => {
  const all = resources(await json('mette', '/fhir/R4/QuestionnaireResponse'));
  const rows = Number(sql(`SELECT count(*) FROM questionnaire_response WHERE person_id = '${mette}'`));
  assert.equal(all.length, rows);
  assert.ok(rows >= 5, 'the demo gives her five');
  for (const r of all) {
    formats(r);
    assert.equal(r.status, 'completed');
    assert.equal(r.subject.reference, `Patient/${mette}`);
    assert.match(r.questionnaire, /^urn:rosc:fhir:questionnaire:[a-z0-9-]+\|\d+$/);
    for (const it of r.item) assert.ok(it.linkId && it.text && it.answer[0].valueCoding.code);
  }
  const who5 = all.filter((r) => r.questionnaire.startsWith('urn:rosc:fhir:questionnaire:who-5|'));
  assert.equal(who5.length, 3);
  const latest = who5.sort((a, b) => b.authored.localeCompare(a.authored))[0];
  assert.deepEqual(latest.item.map((i) => i.linkId), ['1', '2', '3', '4', '5']);
  assert.ok(latest.item.every((i) => i.answer[0].valueCoding.code === '3'));
  assert.equal(latest.item[0].answer[0].valueCoding.display, 'More than half of the time');
  // One entered by Karin in a conversation: hers as author, Mette's as source.
  const byKarin = all.find((r) => r.author.display === 'Karin Madsen');
  assert.ok(byKarin, 'the BARC-10 Karin entered');
  assert.equal(byKarin.source.reference, `Patient/${mette}`);
  // Read by id.
  const one = await get('mette', `/fhir/R4/QuestionnaireResponse/${latest.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(await one.json(), latest);
  // Search parameters.
  const ids = async (q) => resources(await json('mette', `/fhir/R4/QuestionnaireResponse?${q}`)).map((r) => r.id).sort();
  assert.deepEqual(await ids('questionnaire=urn:rosc:fhir:questionnaire:who-5'), who5.map((r) => r.id).sort());
  assert.deepEqual(await ids(`questionnaire=${encodeURIComponent(latest.questionnaire)}`), who5.map((r) => r.id).sort());
  assert.deepEqual(await ids('questionnaire=urn:rosc:fhir:questionnaire:who'), []);
  assert.deepEqual(await ids('questionnaire=urn:rosc:fhir:questionnaire:who-5|9'), []);
  const day = latest.authored.slice(0, 10);
  assert.deepEqual(await ids(`authored=${day}`), all.filter((r) => r.authored.startsWith(day)).map((r) => r.id).sort());
  assert.deepEqual(await ids(`authored=lt${day}`), all.filter((r) => r.authored.slice(0, 10) < day).map((r) => r.id).sort());
  assert.equal((await ids('status=completed')).length, all.length);
  assert.equal((await ids('status=in-progress')).length, 0);
  assert.deepEqual(await ids(`_id=${latest.id}`), [latest.id]);
  assert.equal((await ids('_lastUpdated=gt2999')).length, 0);
  assert.deepEqual(await ids(`patient=Patient/${mette}`), all.map((r) => r.id).sort());
  assert.equal((await get('mette', '/fhir/R4/QuestionnaireResponse?authored=soon')).status, 400);
});

test('Observation: a check-in with its values, a score derived from its response', async () => {
  const all = resources(await json('mette', '/fhir/R4/Observation?_count=500'));
  const checkins = Number(sql(`SELECT count(*) FROM checkin WHERE person_id = '${mette}'`));
  const scored = Number(sql(`SELECT count(*) FROM questionnaire_response WHERE person_id = '${mette}' AND scored = 1`));
  assert.equal(all.length, checkins + scored);
  for (const o of all) {
    formats(o);
    assert.equal(o.status, 'final');
    assert.equal(o.category[0].coding[0].code, 'survey');
    assert.equal(o.subject.reference, `Patient/${mette}`);
  }
  // The hard evening: a craving of 8, seen by Mette herself.
  const hard = all.find((o) => o.note && /Hård aften/.test(o.note[0].text));
  assert.ok(hard);
  assert.deepEqual(codes(hard), ['check-in']);
  const part = (o, c) => (o.component || []).find((x) => x.code.coding[0].code === c);
  assert.equal(part(hard, 'craving').valueInteger, 8);
  for (const c of ['mood', 'sleep', 'supported']) assert.ok(Number.isInteger(part(hard, c).valueInteger), c);
  assert.ok(part(hard, 'use').valueCodeableConcept || part(hard, 'use').dataAbsentReason);
  assert.equal(hard.id, sql(`SELECT id FROM checkin WHERE person_id = '${mette}' AND line LIKE 'Hård aften%'`));
  // Her WHO-5 scores: 36, 48, 60, the last in a zone, each from its response.
  const who5 = all.filter((o) => codes(o).includes('who-5'));
  assert.deepEqual(who5.map((o) => o.valueInteger).sort(), [36, 48, 60]);
  const s60 = who5.find((o) => o.valueInteger === 60);
  assert.match(s60.id, /^[0-9a-f]{32}-score$/);
  assert.equal(s60.derivedFrom[0].reference, `QuestionnaireResponse/${s60.id.replace(/-score$/, '')}`);
  assert.deepEqual([s60.referenceRange[0].low.value, s60.referenceRange[0].high.value], [0, 100]);
  const zone = sql(`SELECT zone FROM questionnaire_response WHERE id = '${s60.id.replace(/-score$/, '')}'`);
  if (zone) assert.equal(s60.interpretation[0].coding[0].code, zone);
  // Read by id, a check-in and a score.
  for (const o of [hard, s60]) assert.deepEqual(await json('mette', `/fhir/R4/Observation/${o.id}`), o);
  // Search parameters.
  const ids = async (user, q) => resources(await json(user, `/fhir/R4/Observation?_count=500&${q}`)).map((r) => r.id).sort();
  assert.deepEqual(await ids('mette', 'code=who-5'), who5.map((o) => o.id).sort());
  assert.deepEqual(await ids('mette', 'code=urn:rosc:fhir:score|barc-10'), all.filter((o) => codes(o).includes('barc-10')).map((o) => o.id).sort());
  assert.equal((await ids('mette', 'code=check-in')).length, checkins);
  assert.equal((await ids('mette', 'component-code=craving')).length, checkins);
  assert.equal((await ids('mette', 'combo-code=who-5,craving')).length, checkins + who5.length);
  assert.equal((await ids('mette', 'category=survey')).length, all.length);
  assert.equal((await ids('mette', 'category=laboratory')).length, 0);
  assert.equal((await ids('mette', 'status=final')).length, all.length);
  const day = hard.effectiveDateTime.slice(0, 10);
  assert.deepEqual(await ids('mette', `date=${day}`), all.filter((o) => o.effectiveDateTime.startsWith(day)).map((o) => o.id).sort());
  assert.deepEqual(await ids('mette', `date=ge${day}`), all.filter((o) => o.effectiveDateTime.slice(0, 10) >= day).map((o) => o.id).sort());
  assert.deepEqual(await ids('mette', `derived-from=${s60.derivedFrom[0].reference}`), [s60.id]);
  assert.equal((await get('mette', '/fhir/R4/Observation?date=ge-yesterday')).status, 400);
  // Jan's AUDIT-C in LOINC.
  const janObs = resources(await json('jan', '/fhir/R4/Observation?code=http://loinc.org|75626-2'));
  assert.equal(janObs.length, 1);
  assert.equal(janObs[0].code.coding[0].display, 'Total score [AUDIT-C]');
  assert.equal(janObs[0].valueInteger, 5);
  assert.ok(!janObs[0].interpretation, 'the AUDIT-C has no zones');
});

test('paging through her Observations returns every one once', async () => {
  const total = resources(await json('mette', '/fhir/R4/Observation?_count=500')).length;
  const seen = [];
  let url = '/fhir/R4/Observation?_count=4';
  for (let i = 0; url && i < 100; i++) {
    const b = await json('mette', url);
    assert.equal(b.total, total);
    seen.push(...resources(b).map((r) => r.id));
    const next = b.link.find((l) => l.relation === 'next');
    url = next ? next.url.replace(/^https?:\/\/[^/]+/, '') : null;
  }
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total);
});

test('another person\'s id answers exactly like a missing one', async () => {
  const qr = sql(`SELECT id FROM questionnaire_response WHERE person_id = '${mette}' LIMIT 1`);
  const ci = sql(`SELECT id FROM checkin WHERE person_id = '${mette}' LIMIT 1`);
  for (const [type, id] of [['QuestionnaireResponse', qr], ['Observation', ci], ['Observation', `${qr}-score`]]) {
    const other = await get('jan', `/fhir/R4/${type}/${id}`);
    const missing = await get('jan', `/fhir/R4/${type}/${MISSING}`);
    assert.equal(other.status, 404, `${type}/${id}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await other.json(), await missing.json());
    const stranger = await get('lars', `/fhir/R4/${type}/${id}`);
    assert.equal(stranger.status, 404);
  }
  // A check-in's id as a score's, and the other way round: missing too.
  assert.equal((await get('mette', `/fhir/R4/Observation/${ci}-score`)).status, 404);
  assert.equal((await get('mette', `/fhir/R4/Observation/${qr}`)).status, 404);
  // A search for her by someone outside her network: empty, as for nobody.
  const b = await json('lars', `/fhir/R4/Observation?patient=${mette}`);
  const nobody = await json('lars', `/fhir/R4/Observation?patient=${MISSING}`);
  assert.equal(b.total, 0);
  assert.equal(b.meta, undefined);
  assert.deepEqual(b.entry, nobody.entry);
  assert.equal(logged('lars', 'questionnaires'), 0);
});

test('consent: each state x relationship, for responses and observations; craving and use only with substance use', async () => {
  const problems = [];
  const qr = sql(`SELECT id FROM questionnaire_response WHERE person_id = '${mette}' ORDER BY given_us DESC LIMIT 1`);
  const hard = sql(`SELECT id FROM checkin WHERE person_id = '${mette}' AND line LIKE 'Hård aften%'`);
  for (const [cats, substance] of [[['basic', 'plan', 'questionnaires'], false], [['questionnaires', 'substance'], true]]) {
    for (const state of STATES) {
      setConsent(state, cats);
      const before = loggedAll(sql, mette, 'questionnaires');
      for (const [user, relation] of Object.entries(ACTORS)) {
        const want = expected(relation, state);
        const tag = `${cats.join('+')} ${state}: ${user} (${relation})`;
        for (const [type, id] of [['QuestionnaireResponse', qr], ['Observation', hard], ['Observation', `${qr}-score`]]) {
          const res = await get(user, `/fhir/R4/${type}/${id}`);
          const got = res.status;
          if (got !== (want === 200 ? 200 : 404)) problems.push(`${tag}: read ${type}/${id}: ${got}`);
          const o = await res.json();
          if (got === 200 && type === 'Observation' && id === hard) {
            const craving = o.component.some((c) => c.code.coding[0].code === 'craving');
            const mayCrave = relation === 'home' || substance;
            if (craving !== mayCrave) problems.push(`${tag}: craving shown ${craving}`);
          }
        }
        for (const type of ['QuestionnaireResponse', 'Observation']) {
          const b = await json(user, `/fhir/R4/${type}?patient=${mette}&_count=500`);
          const n = resources(b).length;
          const outcome = b.entry.find((e) => e.search.mode === 'outcome');
          const redacted = b.meta && b.meta.security && b.meta.security[0].code === 'REDACTED';
          if ((n > 0) !== (want === 200)) problems.push(`${tag}: ${type} search gave ${n}`);
          // Withheld: all of it (known, not shared), or craving and use.
          const withheld = want === 403 || (want === 200 && type === 'Observation' && relation !== 'home' && !substance);
          if (withheld !== Boolean(redacted) || withheld !== Boolean(outcome)) problems.push(`${tag}: ${type} withheld ${Boolean(redacted)}/${Boolean(outcome)}`);
          if (want === 404 && b.total !== 0) problems.push(`${tag}: ${type} a stranger sees ${b.total}`);
        }
      }
      // Three reads and two searches noted for whoever was allowed, and
      // nothing for a refusal (one query for all, not one per request).
      const after = loggedAll(sql, mette, 'questionnaires');
      for (const [user, relation] of Object.entries(ACTORS)) {
        const delta = (after[user] || 0) - (before[user] || 0);
        const should = expected(relation, state) === 200 ? 5 : 0;
        if (delta !== should) problems.push(`${cats.join('+')} ${state}: ${user} (${relation}): ${delta} reads logged, not ${should}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('a peer worker with her plan but not her questionnaires sees none of them, and is told so', async () => {
  setConsent('given', ['basic', 'plan']);
  for (const type of ['QuestionnaireResponse', 'Observation']) {
    const b = await json('jonas', `/fhir/R4/${type}?patient=${mette}`);
    assert.equal(resources(b).length, 0, type);
    assert.equal(b.meta.security[0].code, 'REDACTED');
    assert.equal(b.entry.find((e) => e.search.mode === 'outcome').resource.issue[0].code, 'suppressed');
  }
  // Her plan he does see.
  assert.ok(resources(await json('jonas', `/fhir/R4/Goal?patient=${mette}`)).length > 0);
});

test('with her questionnaires but not substance use: no craving, no use, and the log says what was shown', async () => {
  setConsent('given', ['questionnaires']);
  const checkin = (b) => resources(b).filter((o) => o.code.coding[0].code === 'check-in');
  const b = await json('jonas', `/fhir/R4/Observation?patient=${mette}&_count=500`);
  assert.ok(checkin(b).length > 0);
  for (const o of checkin(b)) {
    const parts = o.component.map((c) => c.code.coding[0].code);
    assert.deepEqual(parts, ['mood', 'sleep', 'supported']);
  }
  assert.equal(resources(await json('jonas', `/fhir/R4/Observation?patient=${mette}&component-code=craving`)).length, 0);
  // Responses to every questionnaire are hers to share as questionnaires,
  // as on the pages and in the API (the AUDIT's too): an AUDIT-C given by
  // her is shown with them.
  const jr = sql(`SELECT id FROM questionnaire_response WHERE person_id = '${jan}' LIMIT 1`);
  const id = 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0';
  sql(`BEGIN; INSERT INTO questionnaire_response (person_id, id, questionnaire_id, code, day, given_us, scored, score, zone, answered, missing, source, created_by)
    SELECT '${mette}', '${id}', questionnaire_id, code, day, given_us, scored, score, zone, answered, missing, source, created_by FROM questionnaire_response WHERE id = '${jr}';
    INSERT INTO questionnaire_answer (person_id, response_id, item_id, value) SELECT '${mette}', '${id}', item_id, value FROM questionnaire_answer WHERE response_id = '${jr}'; COMMIT;`);
  const audit = resources(await json('jonas', `/fhir/R4/Observation?patient=${mette}&code=http://loinc.org|75626-2`));
  assert.deepEqual(audit.map((o) => o.id), [`${id}-score`]);
  const page = await (await client(srv).signIn('jonas')).get(`/persons/${mette}/questionnaires`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /AUDIT-C/, 'the page shows it to him too');
  // The home organisation, by duty, sees craving; her log notes it.
  const before = logged('peter', 'substance');
  const p = await json('peter', `/fhir/R4/Observation?patient=${mette}&component-code=craving&_count=500`);
  assert.ok(resources(p).length > 0);
  assert.equal(logged('peter', 'substance'), before + 1);
  const q0 = logged('peter', 'questionnaires');
  await json('peter', `/fhir/R4/QuestionnaireResponse?patient=${mette}`);
  assert.equal(logged('peter', 'questionnaires'), q0 + 1, 'a staff read lands in her log');
  sql(`DELETE FROM questionnaire_answer WHERE response_id = '${id}'; DELETE FROM questionnaire_response WHERE id = '${id}'`);
});

test('$everything holds her responses and observations', async () => {
  const b = await json('mette', `/fhir/R4/Patient/${mette}/$everything`);
  const types = b.entry.map((e) => e.resource.resourceType);
  const n = (t) => types.filter((x) => x === t).length;
  assert.equal(n('QuestionnaireResponse'), Number(sql(`SELECT count(*) FROM questionnaire_response WHERE person_id = '${mette}'`)));
  assert.ok(n('Observation') > 0);
  assert.equal(n('Questionnaire'), 0, 'definitions are nobody\'s');
  for (const e of b.entry) if (/^(Questionnaire|Observation)/.test(e.resource.resourceType)) formats(e.resource);
});

test('every resource of these types validates, for each demo person and every definition', async () => {
  const found = [];
  for (const user of ['mette', 'jan']) {
    for (const type of ['Questionnaire', 'QuestionnaireResponse', 'Observation']) {
      const b = await json(user, `/fhir/R4/${type}?_count=500`);
      for (const r of resources(b)) for (const p of problems(r)) found.push(`${user} ${type}/${r.id}: ${p}`);
    }
  }
  assert.deepEqual(found, []);
});

test('answering through FHIR: a response kept and scored as on the pages; every refusal writes nothing', async () => {
  const send = (user, body, headers = {}) => fhirSend(srv, tokens[user], 'POST', '/fhir/R4/QuestionnaireResponse', body, headers);
  const who5 = (value, extra = {}) => ({
    resourceType: 'QuestionnaireResponse', status: 'completed',
    questionnaire: 'urn:rosc:fhir:questionnaire:who-5',
    subject: { reference: `Patient/${mette}` },
    item: ['1', '2', '3', '4', '5'].map((linkId) => ({ linkId, answer: [{ valueCoding: { code: String(value) } }] })),
    ...extra,
  });
  const kept = () => sql(`SELECT (SELECT count(*) FROM questionnaire_response WHERE person_id = '${mette}') || '|' ||
    (SELECT count(*) FROM questionnaire_answer WHERE person_id = '${mette}')`);
  let res = await send('mette', who5(4));
  assert.equal(res.status, 201);
  const made = await res.json();
  assert.match(res.headers.get('location'), new RegExp(`/fhir/R4/QuestionnaireResponse/${made.id}$`));
  assert.equal(made.questionnaire, 'urn:rosc:fhir:questionnaire:who-5|1');
  assert.equal(made.author.reference, `Patient/${mette}`);
  assert.deepEqual(made.item.map((i) => i.answer[0].valueCoding.display), Array(5).fill('Most of the time'));
  assert.deepEqual(problems(made), []);
  assert.equal(sql(`SELECT score || ' ' || source FROM questionnaire_response WHERE id = '${made.id}'`), '80 self');
  const score = await json('mette', `/fhir/R4/Observation/${made.id}-score`);
  assert.equal(score.valueInteger, 80);
  assert.deepEqual(await json('mette', `/fhir/R4/QuestionnaireResponse/${made.id}`), made);
  // A version named, and answers as integers.
  res = await send('mette', { ...who5(0), questionnaire: 'urn:rosc:fhir:questionnaire:who-5|1',
    item: ['1', '2', '3', '4', '5'].map((linkId) => ({ linkId, answer: [{ valueInteger: 5 }] })) });
  assert.equal(res.status, 201);
  assert.equal((await json('mette', `/fhir/R4/Observation/${(await res.json()).id}-score`)).valueInteger, 100);
  // Staff who may write her questionnaires: kept as entered by staff, a write in her log.
  const writes = () => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id = '${mette}' AND u.username = 'peter' AND l.action = 'write'`));
  const w = writes();
  res = await send('peter', who5(2));
  assert.equal(res.status, 201);
  const byPeter = await res.json();
  assert.deepEqual(byPeter.author, { type: 'Practitioner', display: 'Peter Sørensen' });
  assert.equal(byPeter.source.reference, `Patient/${mette}`);
  assert.equal(sql(`SELECT source FROM questionnaire_response WHERE id = '${byPeter.id}'`), 'staff');
  assert.equal(writes(), w + 1);

  // Refusals: each a 4xx OperationOutcome naming the element, nothing written.
  const before = kept();
  const items = who5(3).item;
  const refusals = [
    ['{"resourceType": "QuestionnaireResponse", ', {}, 400, 'invalid'],
    [{ ...who5(3), resourceType: 'Observation' }, {}, 400, 'invalid', 'resourceType'],
    [who5(3, { authored: '2026-12-07T10:00:00Z' }), {}, 400, 'structure', 'QuestionnaireResponse.authored'],
    [who5(3, { item: [{ ...items[0], definition: 'x' }] }), {}, 400, 'structure', 'QuestionnaireResponse.item[0].definition'],
    [who5(3, { item: [{ linkId: '1', answer: [{ valueString: 'often' }] }] }), {}, 400, 'structure', 'QuestionnaireResponse.item[0].answer[0].valueString'],
    [who5(3, { status: 'in-progress' }), {}, 422, 'code-invalid', 'QuestionnaireResponse.status'],
    [who5(3, { questionnaire: undefined }), {}, 422, 'required', 'QuestionnaireResponse.questionnaire'],
    [who5(3, { questionnaire: 'http://example.org/Questionnaire/who-5' }), {}, 422, 'value', 'QuestionnaireResponse.questionnaire'],
    [who5(3, { questionnaire: 'urn:rosc:fhir:questionnaire:phq-9' }), {}, 422, 'invalid', 'QuestionnaireResponse.questionnaire', 'unknown_questionnaire'],
    [who5(3, { questionnaire: 'urn:rosc:fhir:questionnaire:who-5|9' }), {}, 422, 'invalid', 'QuestionnaireResponse.questionnaire', 'unknown_version'],
    [who5(3, { item: [] }), {}, 422, 'required', 'QuestionnaireResponse.item'],
    [who5(9), {}, 422, 'invalid', 'QuestionnaireResponse.item[0].answer[0]', 'invalid_value'],
    [who5(3, { item: [...items, { linkId: '6', answer: [{ valueInteger: 1 }] }] }), {}, 422, 'invalid', undefined, 'too_many'],
    [who5(3, { item: [items[0], { linkId: '9', answer: [{ valueInteger: 1 }] }] }), {}, 422, 'invalid', 'QuestionnaireResponse.item[1].linkId', 'unknown_item'],
    [who5(3, { item: [items[0], items[1], items[0]] }), {}, 422, 'invalid', 'QuestionnaireResponse.item[2].linkId', 'duplicate_item'],
    [who5(3, { item: [{ linkId: '1', answer: [{ valueCoding: { code: 'three' } }] }] }), {}, 422, 'value', 'QuestionnaireResponse.item[0].answer[0].valueCoding.code'],
    [who5(3, { item: [{ linkId: '1', answer: [{ valueInteger: 1 }, { valueInteger: 2 }] }] }), {}, 422, 'value', 'QuestionnaireResponse.item[0].answer'],
    [who5(3, { subject: { reference: 'Mette' } }), {}, 422, 'value', 'QuestionnaireResponse.subject'],
    [who5(3, { subject: { reference: `Patient/${MISSING}` } }), {}, 404, 'not-found'],
    ['not json at all', { 'Content-Type': 'text/plain' }, 415, 'not-supported'],
  ];
  for (const [body, headers, status, code, expression, detail] of refusals) {
    res = await send('mette', body, headers);
    const tag = JSON.stringify(body).slice(0, 120);
    assert.equal(res.status, status, tag);
    const oo = await res.json();
    assert.equal(oo.resourceType, 'OperationOutcome');
    assert.equal(oo.issue[0].code, code, `${tag}: ${JSON.stringify(oo)}`);
    if (expression) assert.equal(oo.issue[0].expression[0], expression, tag);
    if (detail) assert.equal(oo.issue[0].details.coding[0].code, detail, tag);
  }
  // Someone else's person: exactly as a missing one; a peer worker she
  // has not let write her questionnaires is told no.
  const stranger = await send('lars', who5(3));
  const missing = await send('lars', who5(3, { subject: { reference: `Patient/${MISSING}` } }));
  assert.equal(stranger.status, 404);
  assert.deepEqual(await stranger.json(), await missing.json());
  setConsent('given', ['basic', 'plan']);
  assert.equal((await send('jonas', who5(3))).status, 403);
  assert.equal(kept(), before, 'nothing was written');
});
