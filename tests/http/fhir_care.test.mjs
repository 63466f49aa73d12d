// The FHIR R4 kinds of a person's care (src/view/fhir_appointment.c,
// fhir_referral.c, fhir_message.c, fhir_audit.c): Appointment,
// ServiceRequest and Task, Communication and AuditEvent. Read by id, each
// search parameter, consent filtering with the withheld marking, another
// person's id answered as a missing one, the access log, and paging.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { fhirGet, fhirSend } from '../lib/fhir.mjs';
import { ACTORS, STATES, expected, setConsent, logged, loggedAll } from '../lib/consent.mjs';

let srv, mette, jan;

/** An API token for username, made on the settings page; Karin acts for
 * Socialforvaltningen Østerbro, where she is Mette's coordinator. */
async function fhirToken(username) {
  const c = client(srv);
  await c.signIn(username, undefined, username === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  srv.sql(`UPDATE user_account SET lang = 'en' WHERE username = '${username}'`);
  await c.get('/me/settings');
  const res = await c.post('/me/tokens', { name: 'fhir' });
  const m = /<p class="secret">([A-Za-z0-9_-]{43})<\/p>/.exec(await res.text());
  if (!m) throw new Error(`no token for ${username}`);
  return m[1];
}
const tokens = {};
const USERS = ['mette', 'jan', 'peter', 'karin', 'henrik', 'jonas', 'birgit', 'mia', 'lars'];
before(async () => {
  srv = await startRosc();
  for (const u of USERS) tokens[u] = await fhirToken(u);
  mette = personOf('mette');
  jan = personOf('jan');
  // Her consents as the demo gives them, to put back after a test changes them.
  sql(`CREATE TABLE consent_kept AS SELECT * FROM consent WHERE person_id = ${q(mette)}`);
});
after(async () => { await srv.stop(); });

const sql = (s) => srv.sql(s);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const personOf = (u) => sql(`SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = ${q(u)}`);
const get = (user, path) => fhirGet(srv, tokens[user], path);
const send = (user, method, path, body, headers = {}) => fhirSend(srv, tokens[user], method, path, body, headers);
const bundle = async (user, path) => {
  const res = await get(user, path);
  assert.equal(res.status, 200, `${user} ${path}`);
  const b = await res.json();
  assert.equal(b.resourceType, 'Bundle');
  return b;
};
const resources = (b, type) => b.entry.filter((e) => e.search.mode === 'match').map((e) => e.resource)
  .filter((r) => !type || r.resourceType === type);
const ids = (b) => resources(b).map((r) => r.id).sort();
const MISSING = '0'.repeat(32);
const restoreConsent = () => sql(`BEGIN; DELETE FROM consent WHERE person_id = ${q(mette)};
  INSERT INTO consent SELECT * FROM consent_kept; COMMIT;`);
const redacted = (b) => (b.meta?.security || []).some((s) => s.code === 'REDACTED') &&
  b.entry.some((e) => e.search.mode === 'outcome' && e.resource.issue[0].code === 'suppressed');

// Formats the npm validator does not check strictly.
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const REF = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;
function formats(r) {
  assert.match(r.id, ID);
  const walk = (v, key) => {
    if (Array.isArray(v)) return v.forEach((e) => walk(e, key));
    if (v && typeof v === 'object') return Object.entries(v).forEach(([k, e]) => walk(e, k));
    if (key === 'reference') assert.match(v, REF, key);
    if (['lastUpdated', 'start', 'end', 'recorded', 'sent', 'authoredOn', 'lastModified', 'created'].includes(key))
      assert.match(v, INSTANT, key);
  };
  walk(r, '');
}

/** Every row of a search, following its next links; each id once. */
async function pageThrough(user, path) {
  const seen = [];
  let url = path, total = null;
  for (let i = 0; url && i < 200; i++) {
    const b = await bundle(user, url);
    if (total === null) total = b.total;
    assert.equal(b.total, total, 'the total holds on every page');
    for (const r of resources(b)) seen.push(r.id);
    const next = b.link.find((l) => l.relation === 'next');
    url = next ? next.url.replace(/^https?:\/\/[^/]+/, '') : null;
  }
  assert.equal(new Set(seen).size, seen.length, 'no row twice');
  assert.equal(seen.length, total, 'every row');
  return seen;
}

// --- Appointment -----------------------------------------------------------

test('Appointment: the person reads hers; the mapping; a stranger\'s id reads as missing', async () => {
  const b = await bundle('mette', '/fhir/R4/Appointment');
  const count = Number(sql(`SELECT count(*) FROM appointment WHERE person_id = ${q(mette)}`));
  assert.equal(b.total, count);
  assert.ok(count >= 5, 'the demo gives her appointments');
  for (const r of resources(b)) formats(r);
  const row = sql(`SELECT id, title, status, minutes, place, bring FROM appointment
    WHERE person_id = ${q(mette)} AND bring IS NOT NULL AND status = 'confirmed' ORDER BY id LIMIT 1`).split('|');
  const res = await get('mette', `/fhir/R4/Appointment/${row[0]}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('etag'), /^W\/"\d+"$/);
  const a = await res.json();
  assert.equal(a.resourceType, 'Appointment');
  assert.equal(a.description, row[1]);
  assert.equal(a.status, 'booked');
  assert.equal(a.minutesDuration, Number(row[3]));
  assert.equal(Date.parse(a.end) - Date.parse(a.start), Number(row[3]) * 60000);
  assert.equal(a.comment, row[4]);
  assert.equal(a.patientInstruction, row[5]);
  assert.deepEqual(a.participant[0], { actor: { reference: `Patient/${mette}` }, required: 'required', status: 'accepted' });
  assert.equal(a.participant[1].actor.display, 'Lars Bech', 'whom she meets');
  assert.equal(a.serviceCategory[0].coding[0].system, 'urn:rosc:fhir:appointment-kind');
  // Jan's appointment, asked for by Mette, is exactly a missing one.
  const hisId = sql(`SELECT id FROM appointment WHERE person_id = ${q(jan)} LIMIT 1`);
  const his = await get('mette', `/fhir/R4/Appointment/${hisId}`);
  const missing = await get('mette', `/fhir/R4/Appointment/${MISSING}`);
  assert.equal(his.status, 404);
  assert.equal(missing.status, 404);
  assert.deepEqual(await his.json(), await missing.json());
});

test('Appointment: consent filters it for each relationship; withheld results are marked; reads are logged', async () => {
  const one = sql(`SELECT id FROM appointment WHERE person_id = ${q(mette)} ORDER BY id LIMIT 1`);
  const count = Number(sql(`SELECT count(*) FROM appointment WHERE person_id = ${q(mette)}`));
  const missing = await (await get('lars', `/fhir/R4/Appointment/${MISSING}`)).json();
  try {
    for (const state of STATES) {
      // Appointments alone: the plan (a goal an appointment is for) is not shared.
      setConsent(sql, mette, state, ['appointments']);
      const before = loggedAll(sql, mette, 'appointments');
      for (const [user, relation] of Object.entries(ACTORS)) {
        const want = expected(relation, state);
        const what = `${user} (${relation}), consent ${state}`;
        const b = await bundle(user, `/fhir/R4/Appointment?patient=${mette}`);
        const res = await get(user, `/fhir/R4/Appointment/${one}`);
        if (want === 200) {
          assert.equal(b.total, count, what);
          assert.equal(res.status, 200, what);
          assert.equal((await res.json()).id, one);
          if (relation !== 'home') assert.ok(redacted(b), `${what}: the plan is withheld, and the Bundle says so`);
        } else {
          assert.equal(b.total, 0, what);
          assert.equal(resources(b).length, 0, what);
          assert.equal(res.status, 404, what);
          assert.deepEqual(await res.json(), missing, `${what}: as a missing one`);
          if (want === 403) assert.ok(redacted(b), `${what}: someone who knows her is told something is withheld`);
          else assert.equal(b.meta, undefined, `${what}: a stranger learns nothing`);
        }
      }
      // The search and the read noted for whoever was allowed; nothing
      // shown, nothing noted (one query for all of them).
      const after = loggedAll(sql, mette, 'appointments');
      for (const [user, relation] of Object.entries(ACTORS))
        assert.equal((after[user] || 0) - (before[user] || 0), expected(relation, state) === 200 ? 2 : 0,
          `${user} (${relation}), consent ${state}: entries in the log`);
    }
    // With the plan shared too, nothing is marked withheld for a goal.
    setConsent(sql, mette, 'given', ['appointments', 'plan', 'substance']);
    const b = await bundle('karin', `/fhir/R4/Appointment?patient=${mette}`);
    assert.equal(b.total, count);
    assert.ok(!redacted(b));
  } finally {
    restoreConsent();
  }
});

test('Appointment: search by date, status, service-category, actor, based-on, _id', async () => {
  const all = resources(await bundle('mette', '/fhir/R4/Appointment?_count=500'));
  const check = async (query, pick) => {
    const b = await bundle('mette', `/fhir/R4/Appointment?${query}`);
    assert.deepEqual(ids(b), all.filter(pick).map((r) => r.id).sort(), query);
    return b;
  };
  const today = new Date().toISOString().slice(0, 10);
  const first = all.map((r) => r.start).sort()[0];
  await check(`date=ge${today}`, (r) => r.start.slice(0, 10) >= today);
  await check(`date=lt${today}`, (r) => r.start.slice(0, 10) < today);
  await check(`date=${first.slice(0, 10)}`, (r) => r.start.slice(0, 10) === first.slice(0, 10));
  await check('status=booked', (r) => r.status === 'booked');
  await check('status=fulfilled,noshow', (r) => ['fulfilled', 'noshow'].includes(r.status));
  const b = await check('service-category=urn:rosc:fhir:appointment-kind|treatment',
    (r) => r.serviceCategory[0].coding[0].code === 'treatment');
  assert.ok(b.total > 0);
  await check(`actor=Patient/${mette}`, () => true);
  await check(`actor=Patient/${jan}`, () => false);
  await check(`based-on=ServiceRequest/${MISSING}`, () => false);
  await check(`_id=${all[0].id}`, (r) => r.id === all[0].id);
  assert.equal((await get('mette', '/fhir/R4/Appointment?date=soon')).status, 400);
  assert.equal((await get('peter', '/fhir/R4/Appointment')).status, 400, 'staff name the person');
});

test('Appointment: paging through many returns every one once', async () => {
  // Three weekly series from her coordinator at Nordlys, through the API.
  for (const date of ['2031-01-06', '2031-04-07', '2031-07-07']) {
    const res = await fetch(`${srv.url}/api/v1/persons/${mette}/appointments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.peter}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Samtale', date, time: '10:00', weeks: 12 }),
    });
    assert.equal(res.status, 201);
  }
  const count = Number(sql(`SELECT count(*) FROM appointment WHERE person_id = ${q(mette)}`));
  assert.ok(count >= 36);
  const seen = await pageThrough('peter', `/fhir/R4/Appointment?patient=${mette}&_count=7`);
  assert.equal(seen.length, count);
  const later = await pageThrough('mette', '/fhir/R4/Appointment?date=ge2031-01-01&_count=5');
  assert.equal(later.length, 36);
});

// --- ServiceRequest and Task -----------------------------------------------

test('ServiceRequest and Task: the referral and its fulfilment, for the person and her team', async () => {
  const count = Number(sql(`SELECT count(*) FROM referral WHERE person_id = ${q(mette)}`));
  assert.ok(count >= 3);
  const srs = await bundle('mette', '/fhir/R4/ServiceRequest');
  const tasks = await bundle('mette', '/fhir/R4/Task');
  assert.equal(srs.total, count);
  assert.deepEqual(ids(tasks), ids(srs), 'a Task for each referral, with its id');
  for (const r of [...resources(srs), ...resources(tasks)]) {
    formats(r);
    assert.equal(r.intent, 'order');
  }
  const [id, status, org] = sql(`SELECT r.id, r.status, o.name FROM referral r JOIN organisation o ON o.id = r.to_org_id
    WHERE r.person_id = ${q(mette)} AND r.status = 'scheduled'`).split('|');
  const sr = await (await get('mette', `/fhir/R4/ServiceRequest/${id}`)).json();
  assert.equal(sr.status, 'active');
  assert.equal(sr.subject.reference, `Patient/${mette}`);
  assert.equal(sr.performer[0].display, org);
  assert.match(sr.performer[0].reference, /^Organization\//);
  assert.match(sr.requester.reference, /^Organization\//);
  assert.ok(sr.reasonCode[0].text.length > 0);
  const task = await (await get('mette', `/fhir/R4/Task/${id}`)).json();
  assert.equal(task.status, 'in-progress');
  assert.equal(task.businessStatus.coding[0].code, status);
  assert.equal(task.focus.reference, `ServiceRequest/${id}`);
  assert.equal(task.for.reference, `Patient/${mette}`);
  assert.equal(task.owner.display, org);
  assert.ok(task.lastModified && task.executionPeriod.start);
  // Her home organisation sees them all by duty; someone else's read as missing.
  assert.equal((await bundle('peter', `/fhir/R4/Task?patient=${mette}`)).total, count);
  const janRef = sql(`SELECT id FROM referral WHERE person_id = ${q(jan)} LIMIT 1`);
  for (const t of ['ServiceRequest', 'Task']) {
    const his = await get('mette', `/fhir/R4/${t}/${janRef}`);
    const missing = await get('mette', `/fhir/R4/${t}/${MISSING}`);
    assert.equal(his.status, 404);
    assert.deepEqual(await his.json(), await missing.json());
  }
});

test('ServiceRequest and Task: search by their parameters', async () => {
  const srs = resources(await bundle('mette', '/fhir/R4/ServiceRequest'));
  const tasks = resources(await bundle('mette', '/fhir/R4/Task'));
  const check = async (type, all, query, pick) => {
    const b = await bundle('mette', `/fhir/R4/${type}?${query}`);
    assert.deepEqual(ids(b), all.filter(pick).map((r) => r.id).sort(), `${type}?${query}`);
    return b.total;
  };
  assert.ok(await check('ServiceRequest', srs, 'status=draft', (r) => r.status === 'draft') >= 2, 'two proposed');
  await check('ServiceRequest', srs, 'status=active,completed', (r) => ['active', 'completed'].includes(r.status));
  await check('ServiceRequest', srs, 'intent=order', () => true);
  await check('ServiceRequest', srs, 'authored=ge2000-01-01', () => true);
  await check('ServiceRequest', srs, 'authored=gt2999', () => false);
  const perf = srs[0].performer[0].reference;
  await check('ServiceRequest', srs, `performer=${perf}`, (r) => r.performer[0].reference === perf);
  const req = srs[0].requester.reference;
  await check('ServiceRequest', srs, `requester=${req}`, (r) => r.requester?.reference === req);
  await check('Task', tasks, 'status=in-progress', (r) => r.status === 'in-progress');
  assert.ok(await check('Task', tasks, 'business-status=proposed', (r) => r.businessStatus.coding[0].code === 'proposed') >= 2);
  await check('Task', tasks, 'business-status=urn:rosc:fhir:referral-status|declined',
    (r) => r.businessStatus.coding[0].code === 'declined');
  await check('Task', tasks, `focus=ServiceRequest/${srs[0].id}`, (r) => r.id === srs[0].id);
  await check('Task', tasks, `owner=${perf}`, (r) => r.owner.reference === perf);
  await check('Task', tasks, 'modified=ge2000', () => true);
  await check('Task', tasks, 'authored-on=lt2000', () => false);
  await check('Task', tasks, 'intent=order', () => true);
});

test('a receiving organisation sees only the referrals sent to it; without the plan, others see none and are told', async () => {
  const [ours, havnely] = sql(`SELECT r.id, r.to_org_id FROM referral r JOIN organisation o ON o.id = r.to_org_id
    WHERE r.person_id = ${q(mette)} AND o.name = 'Boligselskabet Havnely'`).split('|');
  const other = sql(`SELECT id FROM referral WHERE person_id = ${q(mette)} AND coalesce(to_org_id, '') <> ${q(havnely)} LIMIT 1`);
  try {
    // Her plan is not shared with anyone but her home organisation.
    setConsent(sql, mette, 'not given', ['plan']);
    const before = logged(sql, mette, 'henrik', 'referral');
    for (const t of ['ServiceRequest', 'Task']) {
      const b = await bundle('henrik', `/fhir/R4/${t}?patient=${mette}`);
      assert.deepEqual(ids(b), [ours], `Havnely sees its own ${t} only`);
      assert.equal((await get('henrik', `/fhir/R4/${t}/${ours}`)).status, 200);
      const res = await get('henrik', `/fhir/R4/${t}/${other}`);
      const missing = await get('henrik', `/fhir/R4/${t}/${MISSING}`);
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), await missing.json());
    }
    assert.ok(logged(sql, mette, 'henrik', 'referral') > before, 'what Havnely was shown is in her access log');
    // Her coordinator's organisation receives none of them: it sees none, and is told something is withheld.
    const karin = await bundle('karin', `/fhir/R4/ServiceRequest?patient=${mette}`);
    assert.equal(karin.total, 0);
    assert.ok(redacted(karin));
    const lars = await bundle('lars', `/fhir/R4/Task?patient=${mette}`);
    assert.equal(lars.total, 0);
    assert.equal(lars.meta, undefined);
    // With the plan shared, her coordinator sees them all.
    setConsent(sql, mette, 'given', ['plan']);
    const all = await bundle('karin', `/fhir/R4/ServiceRequest?patient=${mette}`);
    assert.equal(all.total, Number(sql(`SELECT count(*) FROM referral WHERE person_id = ${q(mette)}`)));
  } finally {
    restoreConsent();
  }
});

// --- Communication -----------------------------------------------------------

test('Communication: each message, for those in its thread only', async () => {
  const count = Number(sql(`SELECT count(*) FROM message WHERE person_id = ${q(mette)}`));
  assert.ok(count >= 2);
  const own = await bundle('mette', '/fhir/R4/Communication');
  assert.equal(own.total, count);
  const msgs = resources(own).sort((a, b) => a.sent.localeCompare(b.sent));
  for (const m of msgs) {
    formats(m);
    assert.equal(m.status, 'completed');
    assert.equal(m.subject.reference, `Patient/${mette}`);
    assert.ok(m.payload[0].contentString.length > 0);
    assert.ok(m.topic.text.length > 0);
  }
  // A reply answers the message before it.
  const reply = msgs.find((m) => m.inResponseTo);
  assert.ok(reply, 'a thread with a reply');
  assert.ok(msgs.some((m) => `Communication/${m.id}` === reply.inResponseTo[0].reference));
  const [id, body] = sql(`SELECT id, body FROM message WHERE person_id = ${q(mette)} ORDER BY id LIMIT 1`).split('|');
  const one = await (await get('mette', `/fhir/R4/Communication/${id}`)).json();
  assert.equal(one.payload[0].contentString, body);
  // Karin takes part in the thread: she sees it, noted in Mette's log.
  const before = logged(sql, mette, 'karin', 'messages');
  const karin = await bundle('karin', `/fhir/R4/Communication?patient=${mette}`);
  assert.deepEqual(ids(karin), ids(own));
  assert.equal(logged(sql, mette, 'karin', 'messages'), before + 1);
  const fromKarin = resources(karin).filter((m) => m.sender.display === 'Karin Madsen');
  assert.ok(fromKarin.length > 0);
  for (const m of fromKarin) {
    assert.match(m.sender.reference, /^PractitionerRole\//);
    assert.deepEqual(m.recipient.map((r) => r.reference), [`Patient/${mette}`]);
  }
  // Peter is in her network but in no thread of hers; Jonas and Lars neither:
  // no messages, no mark, and a message's id reads as missing.
  for (const user of ['peter', 'jonas', 'lars']) {
    const b = await bundle(user, `/fhir/R4/Communication?patient=${mette}`);
    assert.equal(b.total, 0, user);
    assert.equal(b.meta, undefined, user);
    const res = await get(user, `/fhir/R4/Communication/${id}`);
    const missing = await get(user, `/fhir/R4/Communication/${MISSING}`);
    assert.equal(res.status, 404, user);
    assert.deepEqual(await res.json(), await missing.json());
  }
  // Jan's messages, asked for by Mette.
  const his = sql(`SELECT id FROM message WHERE person_id = ${q(jan)} LIMIT 1`);
  assert.equal((await get('mette', `/fhir/R4/Communication/${his}`)).status, 404);
});

test('Communication: search by sent, sender, recipient, status; paging', async () => {
  const all = resources(await bundle('mette', '/fhir/R4/Communication'));
  const check = async (query, pick) => {
    const b = await bundle('mette', `/fhir/R4/Communication?${query}`);
    assert.deepEqual(ids(b), all.filter(pick).map((r) => r.id).sort(), query);
    return b.total;
  };
  const first = all.map((m) => m.sent).sort()[0];
  await check(`sent=gt${first.slice(0, 10)}`, (m) => m.sent.slice(0, 10) > first.slice(0, 10));
  await check(`sent=le${first.slice(0, 10)}`, (m) => m.sent.slice(0, 10) <= first.slice(0, 10));
  assert.ok(await check(`sender=Patient/${mette}`, (m) => m.sender.reference === `Patient/${mette}`) > 0, 'she wrote one');
  await check(`recipient=Patient/${mette}`, (m) => m.recipient.some((r) => r.reference === `Patient/${mette}`));
  await check('status=completed', () => true);
  await check('status=in-progress', () => false);
  const seen = await pageThrough('karin', `/fhir/R4/Communication?patient=${mette}&_count=1`);
  assert.equal(seen.length, all.length);
});

// --- AuditEvent --------------------------------------------------------------

test('AuditEvent: her own access log, for her alone', async () => {
  // Peter reads an appointment of hers: it is in her log.
  const appt = sql(`SELECT id FROM appointment WHERE person_id = ${q(mette)} ORDER BY id LIMIT 1`);
  assert.equal((await get('peter', `/fhir/R4/Appointment/${appt}`)).status, 200);
  const count = Number(sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(mette)}`));
  const b = await bundle('mette', '/fhir/R4/AuditEvent?_count=500');
  assert.equal(b.total, count);
  const events = resources(b);
  for (const e of events) {
    formats(e);
    assert.ok(['R', 'U'].includes(e.action));
    assert.equal(e.agent[0].requestor, true);
    assert.equal(e.entity[0].what.reference, `Patient/${mette}`);
  }
  const peters = events.filter((e) => e.agent[0].name === 'Peter Sørensen' &&
    e.subtype.some((c) => c.code === 'appointments') && e.subtype[0].code === 'read');
  assert.ok(peters.length > 0, 'Peter\'s read is there');
  const e = peters[0];
  assert.equal(e.action, 'R');
  assert.ok(e.subtype.some((c) => c.system === 'http://hl7.org/fhir/restful-interaction' && c.code === 'read'));
  assert.ok(e.purposeOfEvent[0].coding.some((c) => c.code === 'duty'));
  assert.equal(e.agent[1].who.display, 'Behandlingscenter Nordlys');
  const res = await get('mette', `/fhir/R4/AuditEvent/${e.id}`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), e);
  // Nobody else reads it: not her home organisation, not her coordinator, not a stranger.
  for (const user of ['peter', 'karin', 'lars']) {
    const r = await get(user, `/fhir/R4/AuditEvent/${e.id}`);
    const missing = await get(user, `/fhir/R4/AuditEvent/${MISSING}`);
    assert.equal(r.status, 404, user);
    assert.deepEqual(await r.json(), await missing.json());
    const s = await bundle(user, `/fhir/R4/AuditEvent?patient=${mette}`);
    assert.equal(s.total, 0, user);
    assert.equal(s.meta, undefined, user);
  }
  // Nor another person: Jan's search for hers is as empty as for nobody.
  const byJan = await bundle('jan', `/fhir/R4/AuditEvent?patient=${mette}`);
  assert.equal(byJan.total, 0);
  assert.equal((await get('jan', `/fhir/R4/AuditEvent/${e.id}`)).status, 404);
});

test('AuditEvent: search by date, action, subtype, purpose, agent-name; paging', async () => {
  const all = resources(await bundle('mette', '/fhir/R4/AuditEvent?_count=500'));
  const check = async (query, pick) => {
    const b = await bundle('mette', `/fhir/R4/AuditEvent?${query}&_count=500`);
    assert.deepEqual(ids(b), all.filter(pick).map((r) => r.id).sort(), query);
    return b.total;
  };
  const today = new Date().toISOString().slice(0, 10);
  await check(`date=${today}`, (e) => e.recorded.slice(0, 10) === today);
  await check('date=lt2000', () => false);
  await check('action=R', (e) => e.action === 'R');
  await check('action=U', (e) => e.action === 'U');
  assert.ok(await check('subtype=appointments', (e) => e.subtype.some((c) => c.code === 'appointments')) > 0);
  await check('subtype=http://hl7.org/fhir/restful-interaction|read', (e) => e.subtype[0].code === 'read');
  assert.ok(await check('purpose=duty', (e) => e.purposeOfEvent[0].coding[0].code === 'duty') > 0);
  await check('purpose=urn:rosc:fhir:access-reason|consent', (e) => e.purposeOfEvent[0].coding[0].code === 'consent');
  assert.ok(await check('agent-name=peter', (e) => /^peter/i.test(e.agent[0].name)) > 0);
  const seen = await pageThrough('mette', '/fhir/R4/AuditEvent?_count=4');
  assert.equal(seen.length, all.length);
});

test('$everything holds her appointments, referrals, messages and access log', async () => {
  const b = await bundle('mette', `/fhir/R4/Patient/${mette}/$everything`);
  const types = new Set(b.entry.map((e) => e.resource.resourceType));
  for (const t of ['Appointment', 'ServiceRequest', 'Task', 'Communication', 'AuditEvent']) assert.ok(types.has(t), t);
  const cs = await (await get('mette', '/fhir/R4/metadata')).json();
  const listed = cs.rest[0].resource.map((r) => r.type);
  for (const t of ['Appointment', 'ServiceRequest', 'Task', 'Communication', 'AuditEvent']) assert.ok(listed.includes(t), t);
});

// --- writes ------------------------------------------------------------------

/** Each refusal: its status and issue code, an OperationOutcome. */
async function refused(user, cases) {
  for (const [method, path, body, headers, status, code] of cases) {
    const res = await send(user, method, path, body, headers);
    const what = `${user} ${method} ${path} ${(typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 90)}`;
    assert.equal(res.status, status, what);
    const oo = await res.json();
    assert.equal(oo.resourceType, 'OperationOutcome', what);
    assert.equal(oo.issue[0].code, code, `${what}: ${JSON.stringify(oo.issue[0])}`);
  }
}

test('writing an Appointment: the team makes and changes it, the person confirms and cancels; every refusal writes nothing', async () => {
  const rows = () => sql(`SELECT count(*) || '|' || coalesce(sum(version), 0) FROM appointment WHERE person_id = ${q(mette)}`);
  const appt = {
    resourceType: 'Appointment', status: 'booked', language: 'da', description: 'Samtale om bolig',
    serviceCategory: [{ coding: [{ system: 'urn:rosc:fhir:appointment-kind', code: 'housing' }] }],
    start: '2031-02-03T09:00:00Z', minutesDuration: 45, comment: 'Nørrebrogade 12, 2200 København N',
    patientInstruction: 'Lejekontrakten',
    participant: [
      { actor: { reference: `Patient/${mette}` }, status: 'needs-action' },
      { actor: { display: 'Henrik fra Havnely' }, status: 'accepted' },
    ],
  };
  const writes = () => logged(sql, mette, 'peter', 'appointments');
  const w = writes();
  let res = await send('peter', 'POST', '/fhir/R4/Appointment', appt);
  assert.equal(res.status, 201);
  const made = await res.json();
  assert.equal(res.headers.get('etag'), 'W/"1"');
  assert.match(res.headers.get('location'), new RegExp(`/fhir/R4/Appointment/${made.id}/_history/1$`));
  formats(made);
  assert.equal(made.status, 'booked');
  assert.equal(made.start, '2031-02-03T09:00:00.000000Z');
  assert.equal(made.minutesDuration, 45);
  assert.equal(made.participant[1].actor.display, 'Henrik fra Havnely');
  assert.equal(sql(`SELECT title || '|' || minutes || '|' || status || '|' || place || '|' || kind FROM appointment WHERE id = ${q(made.id)}`),
    'Samtale om bolig|45|planned|Nørrebrogade 12, 2200 København N|housing');
  assert.ok(writes() > w, 'the write is in her access log');

  // With a member of her network, named as her CareTeam names them.
  const team = (await (await get('peter', `/fhir/R4/CareTeam/${mette}`)).json()).participant.map((p) => p.member);
  const karin = team.find((m) => m.display === 'Karin Madsen' && /^PractitionerRole\//.test(m.reference));
  assert.ok(karin, 'Karin is in her CareTeam as a PractitionerRole');
  res = await send('peter', 'POST', '/fhir/R4/Appointment', { ...appt, participant: [appt.participant[0], { actor: { reference: karin.reference }, status: 'accepted' }] });
  assert.equal(res.status, 201);
  const withKarin = await res.json();
  assert.equal(withKarin.participant[1].actor.reference, karin.reference);
  assert.ok(sql(`SELECT with_member_id FROM appointment WHERE id = ${q(withKarin.id)}`).length === 32);

  const before = rows();
  const path = `/fhir/R4/Appointment/${made.id}`;
  const v1 = { 'If-Match': 'W/"1"' };
  await refused('peter', [
    ['POST', '/fhir/R4/Appointment', '{"resourceType": "Appointment", ', {}, 400, 'invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, resourceType: 'Goal' }, {}, 400, 'invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, priority: 5 }, {}, 400, 'structure'],
    ['POST', '/fhir/R4/Appointment', { ...appt, description: undefined }, {}, 422, 'required'],
    ['POST', '/fhir/R4/Appointment', { ...appt, description: '  ' }, {}, 422, 'required'],
    ['POST', '/fhir/R4/Appointment', { ...appt, description: 'x'.repeat(201) }, {}, 422, 'too-long'],
    ['POST', '/fhir/R4/Appointment', { ...appt, description: 7 }, {}, 422, 'value'],
    ['POST', '/fhir/R4/Appointment', { ...appt, start: '2031-02-03' }, {}, 422, 'value'],
    ['POST', '/fhir/R4/Appointment', { ...appt, start: '2031-02-03T09:00:30Z' }, {}, 422, 'value'],
    ['POST', '/fhir/R4/Appointment', { ...appt, start: undefined }, {}, 422, 'required'],
    ['POST', '/fhir/R4/Appointment', { ...appt, minutesDuration: 2 }, {}, 422, 'invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, end: '2031-02-03T10:00:00Z' }, {}, 422, 'code-invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, status: 'arrived' }, {}, 422, 'code-invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, status: 'fulfilled' }, {}, 422, 'code-invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, comment: 'Her\nhttp://video.example/x' }, {}, 422, 'value'],
    ['POST', '/fhir/R4/Appointment', { ...appt, serviceCategory: [{ coding: [{ system: 'urn:rosc:fhir:appointment-kind', code: 'party' }] }] }, {}, 422, 'code-invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, supportingInformation: [{ reference: `Goal/${MISSING}` }] }, {}, 422, 'code-invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, participant: [{ actor: { reference: `RelatedPerson/${MISSING}` }, status: 'accepted' }, appt.participant[0]] }, {}, 422, 'code-invalid'],
    ['POST', '/fhir/R4/Appointment', { ...appt, participant: [appt.participant[1]] }, {}, 422, 'required'],
    ['POST', '/fhir/R4/Appointment', { ...appt, participant: [{ actor: { reference: `Patient/${jan}` }, status: 'needs-action' }] }, {}, 404, 'not-found'],
    ['POST', '/fhir/R4/Appointment', 'not json', { 'Content-Type': 'text/plain' }, 415, 'not-supported'],
    ['PUT', path, { ...made, description: 'Ny' }, { 'If-Match': 'W/"7"' }, 412, 'conflict'],
    ['PUT', path, { ...made, meta: undefined }, {}, 428, 'required'],
    ['PUT', path, { ...made, id: MISSING }, v1, 400, 'invalid'],
    ['PUT', path, { ...made, participant: [{ actor: { reference: `Patient/${jan}` }, status: 'needs-action' }] }, v1, 422, 'code-invalid'],
    ['PUT', path, { ...made, status: 'fulfilled' }, v1, 422, 'invalid'],
  ]);
  // Invalid UTF-8 in the body.
  res = await fetch(srv.url + '/fhir/R4/Appointment', { method: 'POST', body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${tokens.peter}` } });
  assert.equal(res.status, 400);
  // Someone else's appointment: exactly as a missing one.
  const stranger = await send('lars', 'PUT', path, made, v1);
  const missing = await send('lars', 'PUT', `/fhir/R4/Appointment/${MISSING}`, { ...made, id: MISSING }, v1);
  assert.equal(stranger.status, 404);
  assert.deepEqual(await stranger.json(), await missing.json());
  assert.equal((await send('lars', 'POST', '/fhir/R4/Appointment', appt)).status, 404);
  assert.equal(rows(), before, 'nothing was written');

  // The team moves it an hour and shortens it.
  res = await send('peter', 'PUT', path, { ...made, start: '2031-02-03T10:00:00Z', end: '2031-02-03T10:30:00Z', minutesDuration: undefined }, v1);
  assert.equal(res.status, 200);
  let now = await res.json();
  assert.equal(now.meta.versionId, '2');
  assert.equal(now.start, '2031-02-03T10:00:00.000000Z');
  assert.equal(now.minutesDuration, 30);
  assert.equal(sql(`SELECT what FROM appointment_event WHERE appointment_id = ${q(made.id)} ORDER BY seq DESC LIMIT 1`), 'changed');
  // The person may not move it herself: she asks.
  res = await send('mette', 'PUT', path, { ...now, start: '2031-02-04T10:00:00Z', end: undefined }, { 'If-Match': 'W/"2"' });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).resourceType, 'OperationOutcome');
  // She confirms: booked, and she accepted.
  const accepted = { ...now, participant: [{ ...now.participant[0], status: 'accepted' }, now.participant[1]] };
  res = await send('mette', 'PUT', path, accepted, { 'If-Match': 'W/"2"' });
  assert.equal(res.status, 200);
  now = await res.json();
  assert.equal(now.participant[0].status, 'accepted');
  assert.equal(sql(`SELECT status FROM appointment WHERE id = ${q(made.id)}`), 'confirmed');
  // Cancelling needs a reason; with one, it is cancelled.
  await refused('mette', [['PUT', path, { ...now, status: 'cancelled' }, { 'If-Match': 'W/"3"' }, 422, 'required']]);
  res = await send('mette', 'PUT', path, { ...now, status: 'cancelled', cancelationReason: { text: 'Jeg er syg' } }, { 'If-Match': 'W/"3"' });
  assert.equal(res.status, 200);
  now = await res.json();
  assert.equal(now.status, 'cancelled');
  assert.equal(now.cancelationReason.text, 'Jeg er syg');
  assert.equal(sql(`SELECT status || '|' || cancel_reason FROM appointment WHERE id = ${q(made.id)}`), 'cancelled|Jeg er syg');
  // A stale version is refused, and changes nothing.
  await refused('peter', [['PUT', path, { ...now, status: 'booked' }, { 'If-Match': 'W/"2"' }, 412, 'conflict']]);
  assert.equal(sql(`SELECT status FROM appointment WHERE id = ${q(made.id)}`), 'cancelled');
});

test('an appointment for a referral, with its service, is confirmed by echoing it back', async () => {
  const [ref, service] = sql(`SELECT r.id, r.service_id FROM referral r JOIN organisation o ON o.id = r.to_org_id
    WHERE r.person_id = ${q(mette)} AND o.name = 'Boligselskabet Havnely'`).split('|');
  const id = sql(`SELECT id FROM appointment WHERE person_id = ${q(mette)} AND status = 'planned' AND starts_us > ${Date.now() * 1000} ORDER BY id LIMIT 1`);
  sql(`UPDATE appointment SET referral_id = ${q(ref)}, with_service_id = ${q(service)}, with_name = NULL, with_member_id = NULL WHERE id = ${q(id)}`);
  const a = await (await get('mette', `/fhir/R4/Appointment/${id}`)).json();
  assert.equal(a.basedOn[0].reference, `ServiceRequest/${ref}`);
  assert.equal(a.participant[1].actor.reference, `HealthcareService/${service}`);
  const res = await send('mette', 'PUT', `/fhir/R4/Appointment/${id}`,
    { ...a, participant: [{ ...a.participant[0], status: 'accepted' }, a.participant[1]] },
    { 'If-Match': `W/"${a.meta.versionId}"` });
  assert.equal(res.status, 200);
  assert.equal(sql(`SELECT status || '|' || with_service_id || '|' || referral_id FROM appointment WHERE id = ${q(id)}`),
    `confirmed|${service}|${ref}`);
  // Another service, or another referral, is not hers to set.
  const now = await res.json();
  await refused('mette', [
    ['PUT', `/fhir/R4/Appointment/${id}`, { ...now, basedOn: [{ reference: `ServiceRequest/${MISSING}` }] }, { 'If-Match': `W/"${now.meta.versionId}"` }, 422, 'code-invalid'],
    ['PUT', `/fhir/R4/Appointment/${id}`, { ...now, participant: [now.participant[0], { actor: { reference: `HealthcareService/${MISSING}` }, status: 'accepted' }] }, { 'If-Match': `W/"${now.meta.versionId}"` }, 422, 'code-invalid'],
  ]);
});

test('moving a referral through its Task: the person answers a proposal, the receiver an open one; refusals write nothing', async () => {
  const refs = () => sql(`SELECT coalesce(sum(version), 0) FROM referral WHERE person_id = ${q(mette)}`);
  const [proposed] = sql(`SELECT id FROM referral WHERE person_id = ${q(mette)} AND status = 'proposed' ORDER BY id LIMIT 1`).split('\n');
  const task = await (await get('mette', `/fhir/R4/Task/${proposed}`)).json();
  const path = `/fhir/R4/Task/${proposed}`;
  const v = { 'If-Match': `W/"${task.meta.versionId}"` };
  const to = (code, status, extra = {}) => ({ ...task, status, businessStatus: { coding: [{ system: 'urn:rosc:fhir:referral-status', code }] }, ...extra });
  const before = refs();
  await refused('mette', [
    ['PUT', path, '{"resourceType": "Task"', v, 400, 'invalid'],
    ['PUT', path, { ...task, resourceType: 'ServiceRequest' }, v, 400, 'invalid'],
    ['PUT', path, { ...task, priority: 'urgent' }, v, 400, 'structure'],
    ['PUT', path, { ...task, businessStatus: undefined }, v, 422, 'required'],
    ['PUT', path, to('accepted', 'requested'), v, 422, 'code-invalid'],
    ['PUT', path, to('dreaming', 'ready'), v, 422, 'code-invalid'],
    ['PUT', path, to('got_help', 'completed'), v, 422, 'invalid'],
    ['PUT', path, to('accepted', 'ready', { focus: { reference: `ServiceRequest/${MISSING}` } }), v, 422, 'code-invalid'],
    ['PUT', path, to('accepted', 'ready', { note: [{ text: 'x'.repeat(2001) }] }), v, 422, 'too-long'],
    ['PUT', path, to('accepted', 'ready'), { 'If-Match': 'W/"99"' }, 412, 'conflict'],
    ['PUT', path, { ...to('accepted', 'ready'), meta: undefined }, {}, 428, 'required'],
  ]);
  // Someone else: as a missing one.
  const stranger = await send('lars', 'PUT', path, to('accepted', 'ready'), v);
  const missing = await send('lars', 'PUT', `/fhir/R4/Task/${MISSING}`, { ...to('accepted', 'ready'), id: MISSING }, v);
  assert.equal(stranger.status, 404);
  assert.deepEqual(await stranger.json(), await missing.json());
  assert.equal(refs(), before, 'nothing was written');
  // She accepts: it is sent at once.
  let res = await send('mette', 'PUT', path, to('accepted', 'ready', { note: [{ text: 'Ja tak' }] }), v);
  assert.equal(res.status, 200);
  const sent = await res.json();
  assert.equal(sent.businessStatus.coding[0].code, 'sent');
  assert.equal(sent.status, 'requested');
  assert.ok(Number(sent.meta.versionId) > Number(task.meta.versionId));
  assert.equal(sql(`SELECT status FROM referral WHERE id = ${q(proposed)}`), 'sent');
  // The receiver answers the one sent to it earlier, as on its pages.
  const [havnely] = sql(`SELECT r.id FROM referral r JOIN organisation o ON o.id = r.to_org_id
    WHERE r.person_id = ${q(mette)} AND o.name = 'Boligselskabet Havnely'`).split('\n');
  const theirs = await (await get('henrik', `/fhir/R4/Task/${havnely}`)).json();
  res = await send('henrik', 'PUT', `/fhir/R4/Task/${havnely}`, { ...theirs, status: 'completed',
    businessStatus: { coding: [{ system: 'urn:rosc:fhir:referral-status', code: 'got_help' }] } },
  { 'If-Match': `W/"${theirs.meta.versionId}"` });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).status, 'completed');
  assert.equal(sql(`SELECT status FROM referral WHERE id = ${q(havnely)}`), 'got_help');
  // The same version again is stale.
  res = await send('henrik', 'PUT', `/fhir/R4/Task/${havnely}`, { ...theirs, status: 'failed',
    businessStatus: { coding: [{ system: 'urn:rosc:fhir:referral-status', code: 'could_not_contact' }] } },
  { 'If-Match': `W/"${theirs.meta.versionId}"` });
  assert.equal(res.status, 412);
});

test('the CapabilityStatement says Appointment takes create and update, Task update', async () => {
  const cs = await (await get('mette', '/fhir/R4/metadata')).json();
  const of = (t) => cs.rest[0].resource.find((r) => r.type === t).interaction.map((i) => i.code);
  assert.deepEqual(of('Appointment').sort(), ['create', 'read', 'search-type', 'update']);
  assert.deepEqual(of('Task').sort(), ['read', 'search-type', 'update']);
  assert.deepEqual(of('AuditEvent').sort(), ['read', 'search-type']);
});
