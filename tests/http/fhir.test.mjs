// The FHIR R4 API (/fhir/R4): the CapabilityStatement, read and search
// through the door, errors as OperationOutcome, paging, and
// Patient/$everything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc } from '../lib/rosc.mjs';
import { fhirToken, fhirGet, fhirSend } from '../lib/fhir.mjs';
import { ACTORS, logged } from '../lib/consent.mjs';

let srv;
const tokens = {};
before(async () => {
  srv = await startRosc();
  for (const u of ['mette', 'peter', 'karin', 'lars', 'mia', 'jonas', 'daan']) tokens[u] = await fhirToken(srv, u);
});
after(async () => { await srv.stop(); });

const sql = (q) => srv.sql(q);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const personOf = (u) => sql(`SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = ${q(u)}`);
const get = (user, path, headers) => fhirGet(srv, user ? tokens[user] : null, path, headers);

test('metadata: a CapabilityStatement that names what is supported, to anyone', async () => {
  const res = await get(null, '/fhir/R4/metadata');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/fhir\+json/);
  const cs = await res.json();
  assert.equal(cs.resourceType, 'CapabilityStatement');
  assert.equal(cs.fhirVersion, '4.0.1');
  const types = cs.rest[0].resource.map((r) => r.type);
  for (const t of ['Patient', 'CarePlan', 'Goal']) assert.ok(types.includes(t), t);
  // Every type it names answers a search (not a 404 for an unknown type).
  for (const t of types) {
    const r = await get('mette', `/fhir/R4/${t}`);
    assert.equal(r.status, 200, t);
    assert.equal((await r.json()).resourceType, 'Bundle');
  }
  const patient = cs.rest[0].resource.find((r) => r.type === 'Patient');
  assert.deepEqual(patient.operation.map((o) => o.name), ['everything']);
});

test('errors are OperationOutcomes with a stable code', async () => {
  let res = await get(null, '/fhir/R4/Patient');
  assert.equal(res.status, 401);
  let oo = await res.json();
  assert.equal(oo.resourceType, 'OperationOutcome');
  assert.equal(oo.issue[0].code, 'login');
  assert.equal(oo.issue[0].details.coding[0].code, 'unauthorized');
  res = await get('mette', '/fhir/R4/Spaceship');
  assert.equal(res.status, 404);
  assert.equal((await res.json()).issue[0].code, 'not-found');
  res = await get('mette', '/fhir/R4/Goal?colour=blue');
  assert.equal(res.status, 400);
  oo = await res.json();
  assert.equal(oo.issue[0].expression[0], 'colour');
  res = await get('mette', '/fhir/R4/Goal?_count=0');
  assert.equal(res.status, 400);
  res = await get('mette', '/fhir/R4/Goal?_lastUpdated=yesterday');
  assert.equal(res.status, 400);
  assert.equal((await res.json()).issue[0].expression[0], '_lastUpdated');
  res = await get('mette', '/fhir/R4/Goal/not_an_id!');
  assert.equal(res.status, 404);
  assert.equal((await res.json()).resourceType, 'OperationOutcome');
  res = await get('mette', '/fhir/R4/Goal?_format=xml');
  assert.equal(res.status, 415);
});

test('the person reads herself; staff by duty; a stranger gets what a missing id gets', async () => {
  const mette = personOf('mette');
  let res = await get('mette', `/fhir/R4/Patient/${mette}`);
  assert.equal(res.status, 200);
  const p = await res.json();
  assert.equal(p.resourceType, 'Patient');
  assert.equal(p.id, mette);
  assert.match(res.headers.get('etag'), /^W\/"\d+"$/);
  assert.equal(p.identifier[0].system, 'urn:oid:1.2.208.176.1.2', 'a Danish CPR number');
  assert.equal(p.managingOrganization.display, 'Behandlingscenter Nordlys');
  const before = logged(sql, mette, 'peter', 'basic');
  res = await get('peter', `/fhir/R4/Patient/${mette}`);
  assert.equal(res.status, 200);
  assert.equal(logged(sql, mette, 'peter', 'basic'), before + 1, 'the read is in her access log');
  const missing = await get('lars', '/fhir/R4/Patient/' + '0'.repeat(32));
  const stranger = await get('lars', `/fhir/R4/Patient/${mette}`);
  assert.equal(stranger.status, 404);
  assert.equal(missing.status, 404);
  assert.deepEqual(await stranger.json(), await missing.json());
  assert.equal(logged(sql, mette, 'lars', 'basic'), 0);
  // The former member knows her, but a read is still exactly a 404.
  assert.equal((await get('mia', `/fhir/R4/Patient/${mette}`)).status, 404);
});

test('a search for a stranger is empty, as for nobody; someone who knows her is told of what is withheld', async () => {
  const mette = personOf('mette');
  const stranger = await (await get('lars', `/fhir/R4/Goal?patient=${mette}`)).json();
  const nobody = await (await get('lars', `/fhir/R4/Goal?patient=${'0'.repeat(32)}`)).json();
  assert.equal(stranger.total, 0);
  assert.equal(stranger.meta, undefined);
  assert.deepEqual(stranger.entry, nobody.entry);
  // Jonas (her peer worker) sees her plan by consent, not her substance use.
  const byJonas = await (await get('jonas', `/fhir/R4/Goal?patient=Patient/${mette}`)).json();
  const own = await (await get('mette', '/fhir/R4/Goal')).json();
  const domains = (b) => b.entry.filter((e) => e.resource.resourceType === 'Goal').map((e) => e.resource.category[0].coding[0].code);
  assert.ok(domains(own).includes('substance_use'), 'she sees her own substance-use goal');
  if (byJonas.entry.some((e) => e.resource.resourceType === 'Goal')) {
    assert.ok(!domains(byJonas).includes('substance_use'));
    assert.equal(byJonas.meta.security[0].code, 'REDACTED');
    const outcome = byJonas.entry.find((e) => e.search.mode === 'outcome');
    assert.equal(outcome.resource.issue[0].code, 'suppressed');
  }
});

test('paging through a search returns every row once', async () => {
  const mette = personOf('mette');
  const all = await (await get('mette', '/fhir/R4/Goal?_count=500')).json();
  assert.ok(all.total >= 3, 'the demo gives her several goals');
  const seen = [];
  let url = `/fhir/R4/Goal?patient=${mette}&_count=2`;
  for (let i = 0; url && i < 100; i++) {
    const b = await (await get('mette', url)).json();
    assert.equal(b.total, all.total);
    for (const e of b.entry) seen.push(e.resource.id);
    const next = b.link.find((l) => l.relation === 'next');
    url = next ? next.url.replace(/^https?:\/\/[^/]+/, '') : null;
  }
  assert.equal(seen.length, all.total);
  assert.equal(new Set(seen).size, seen.length);
  assert.deepEqual([...seen].sort(), all.entry.map((e) => e.resource.id).sort());
});

test('search parameters: _id, _lastUpdated, lifecycle-status, category', async () => {
  const all = (await (await get('mette', '/fhir/R4/Goal')).json()).entry.map((e) => e.resource);
  const one = all[0];
  let b = await (await get('mette', `/fhir/R4/Goal?_id=${one.id}`)).json();
  assert.deepEqual(b.entry.map((e) => e.resource.id), [one.id]);
  b = await (await get('mette', `/fhir/R4/Goal?_lastUpdated=gt2999-01-01`)).json();
  assert.equal(b.total, 0);
  b = await (await get('mette', `/fhir/R4/Goal?_lastUpdated=ge2000-01-01&_lastUpdated=lt2999`)).json();
  assert.equal(b.total, all.length);
  b = await (await get('mette', `/fhir/R4/Goal?lifecycle-status=completed,active`)).json();
  assert.equal(b.total, all.filter((g) => ['completed', 'active'].includes(g.lifecycleStatus)).length);
  b = await (await get('mette', `/fhir/R4/Goal?category=urn:rosc:fhir:life-domain|housing`)).json();
  assert.ok(b.entry.every((e) => e.resource.category[0].coding[0].code === 'housing'));
});

test('staff search the persons in their care by name; not others', async () => {
  const mette = personOf('mette');
  const res = await get('peter', '/fhir/R4/Patient?name=Mette');
  assert.equal(res.status, 200);
  const b = await res.json();
  assert.ok(b.entry.some((e) => e.resource.id === mette));
  assert.ok(b.entry.every((e) => e.resource.name.some((n) => /^mette/i.test(n.text))));
  const none = await (await get('lars', '/fhir/R4/Patient?name=Mette')).json();
  assert.ok(!none.entry.some((e) => e.resource.id === mette));
  // Staff must name the person for anything but Patient.
  const r = await get('peter', '/fhir/R4/Goal');
  assert.equal(r.status, 400);
});

test('a staff search notes in the log exactly the persons it shows', async () => {
  const listed = () => sql(`SELECT l.person_id FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE u.username = 'daan' AND l.what = 'list' ORDER BY l.person_id`).split('\n').filter(Boolean);
  // Daan (a coordinator in the Netherlands) has not searched before.
  const page1 = await (await get('daan', '/fhir/R4/Patient?_count=1')).json();
  assert.equal(page1.entry.length, 1);
  assert.ok(page1.total > 1, 'Daan has more than one person in his care');
  assert.deepEqual(listed(), [page1.entry[0].resource.id], 'only the one shown');
  // Paging on shows each once, in id order.
  const seen = [page1.entry[0].resource.id];
  let next = page1.link.find((l) => l.relation === 'next');
  while (next) {
    const b = await (await get('daan', next.url.replace(/^https?:\/\/[^/]+/, ''))).json();
    seen.push(...b.entry.map((e) => e.resource.id));
    next = b.link.find((l) => l.relation === 'next');
  }
  assert.equal(seen.length, page1.total);
  assert.deepEqual(seen, [...seen].sort());
  assert.deepEqual(listed(), [...seen].sort());
  // The national identifier finds one person in his care.
  const mette = personOf('mette');
  const nid = sql(`SELECT national_id FROM person WHERE id = ${q(mette)}`);
  const byId = await (await get('peter', `/fhir/R4/Patient?identifier=urn:oid:1.2.208.176.1.2|${nid}`)).json();
  assert.deepEqual(byId.entry.map((e) => e.resource.id), [mette]);
  const outsider = await (await get('lars', `/fhir/R4/Patient?identifier=${nid}`)).json();
  assert.equal(outsider.total, 0);
  // What needs the record to decide is only taken with _id.
  assert.equal((await get('peter', '/fhir/R4/Patient?birthdate=1985')).status, 400);
  const withId = await get('peter', `/fhir/R4/Patient?_id=${mette}&birthdate=1900`);
  assert.equal(withId.status, 200);
  assert.equal((await withId.json()).entry.length, 0);
});

test('$everything: the person, and those she shares everything with', async () => {
  const mette = personOf('mette');
  let res = await get('mette', `/fhir/R4/Patient/${mette}/$everything`);
  assert.equal(res.status, 200);
  const b = await res.json();
  assert.equal(b.type, 'searchset');
  const types = new Set(b.entry.map((e) => e.resource.resourceType));
  for (const t of ['Patient', 'CarePlan', 'Goal']) assert.ok(types.has(t), t);
  res = await get('lars', `/fhir/R4/Patient/${mette}/$everything`);
  assert.equal(res.status, 404);
  res = await get('jonas', `/fhir/R4/Patient/${mette}/$everything`);
  assert.equal(res.status, 403, 'she has not shared everything with her peer worker');
});

test('writing a Goal: create, update with If-Match, and every refusal writes nothing', async () => {
  const mette = personOf('mette');
  const goals = () => sql(`SELECT count(*) || '|' || coalesce(max(updated_us), 0) FROM goal WHERE person_id = ${q(mette)}`);
  const send = (user, method, path, body, headers = {}) => fhirSend(srv, tokens[user], method, path, body, headers);
  const goal = {
    resourceType: 'Goal', lifecycleStatus: 'planned', language: 'da',
    category: [{ coding: [{ system: 'urn:rosc:fhir:life-domain', code: 'housing' }] }],
    description: { text: 'Min egen lejlighed inden sommer' },
    subject: { reference: `Patient/${mette}` },
    note: [{ text: 'Så Sofie kan sove hos mig.' }],
  };
  let res = await send('mette', 'POST', '/fhir/R4/Goal', goal);
  assert.equal(res.status, 201);
  const made = await res.json();
  assert.equal(made.description.text, goal.description.text);
  assert.equal(made.meta.versionId, '1');
  assert.equal(res.headers.get('etag'), 'W/"1"');
  assert.match(res.headers.get('location'), new RegExp(`/fhir/R4/Goal/${made.id}/_history/1$`));
  assert.equal(sql(`SELECT title FROM goal WHERE id = ${q(made.id)}`), goal.description.text);

  // Refusals: each a 4xx OperationOutcome, nothing written.
  const before = goals();
  const refusals = [
    ['POST', '/fhir/R4/Goal', '{"resourceType": "Goal", ', {}, 400, 'invalid'],
    ['POST', '/fhir/R4/Goal', { ...goal, resourceType: 'Patient' }, {}, 400, 'invalid'],
    ['POST', '/fhir/R4/Goal', { ...goal, priority: { text: 'high' } }, {}, 400, 'structure'],
    ['POST', '/fhir/R4/Goal', { ...goal, description: { text: '' } }, {}, 422, 'required'],
    ['POST', '/fhir/R4/Goal', { ...goal, description: { text: 'x'.repeat(201) } }, {}, 422, 'too-long'],
    ['POST', '/fhir/R4/Goal', { ...goal, description: { text: 42 } }, {}, 422, 'value'],
    ['POST', '/fhir/R4/Goal', { ...goal, lifecycleStatus: 'dreaming' }, {}, 422, 'code-invalid'],
    ['POST', '/fhir/R4/Goal', { ...goal, subject: { reference: `Patient/${'0'.repeat(32)}` } }, {}, 404, 'not-found'],
    ['POST', '/fhir/R4/Goal', 'not json at all', { 'Content-Type': 'text/plain' }, 415, 'not-supported'],
    ['PUT', `/fhir/R4/Goal/${made.id}`, { ...made, description: { text: 'Ny' } }, { 'If-Match': 'W/"7"' }, 412, 'conflict'],
    ['PUT', `/fhir/R4/Goal/${made.id}`, { ...made, meta: undefined }, {}, 428, 'required'],
    ['PUT', `/fhir/R4/Goal/${made.id}`, { ...made, id: 'another' }, { 'If-Match': 'W/"1"' }, 400, 'invalid'],
  ];
  for (const [method, path, body, headers, status, code] of refusals) {
    res = await send('mette', method, path, body, headers);
    assert.equal(res.status, status, `${method} ${JSON.stringify(body).slice(0, 80)}`);
    const oo = await res.json();
    assert.equal(oo.resourceType, 'OperationOutcome');
    assert.equal(oo.issue[0].code, code, JSON.stringify(oo));
  }
  // Invalid UTF-8 in the body.
  res = await fetch(srv.url + '/fhir/R4/Goal', { method: 'POST', body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${tokens.mette}` } });
  assert.equal(res.status, 400);
  // Someone else's goal: exactly as a missing one.
  const stranger = await send('lars', 'PUT', `/fhir/R4/Goal/${made.id}`, made, { 'If-Match': 'W/"1"' });
  const missing = await send('lars', 'PUT', `/fhir/R4/Goal/${'0'.repeat(32)}`, { ...made, id: '0'.repeat(32) }, { 'If-Match': 'W/"1"' });
  assert.equal(stranger.status, 404);
  assert.deepEqual(await stranger.json(), await missing.json());
  assert.equal(goals(), before, 'nothing was written');

  // The update: by her coordinator at Nordlys, logged as a write.
  const writes = () => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id = ${q(mette)} AND u.username = 'peter' AND l.action = 'write'`));
  const w = writes();
  res = await send('peter', 'PUT', `/fhir/R4/Goal/${made.id}`, { ...made, lifecycleStatus: 'completed' }, { 'If-Match': 'W/"1"' });
  assert.equal(res.status, 200);
  const upd = await res.json();
  assert.equal(upd.lifecycleStatus, 'completed');
  assert.equal(upd.achievementStatus.coding[0].code, 'achieved');
  assert.equal(upd.meta.versionId, '2');
  assert.equal(writes(), w + 1);
  // The same If-Match again is stale now.
  res = await send('mette', 'PUT', `/fhir/R4/Goal/${made.id}`, { ...made, lifecycleStatus: 'active' }, { 'If-Match': 'W/"1"' });
  assert.equal(res.status, 412);
  assert.equal(sql(`SELECT status FROM goal WHERE id = ${q(made.id)}`), 'reached');
});

test('a peer worker without substance-use details shared may not write a goal about them', async () => {
  const mette = personOf('mette');
  const res = await fhirSend(srv, tokens.jonas, 'POST', '/fhir/R4/Goal', {
    resourceType: 'Goal', lifecycleStatus: 'active',
    category: [{ coding: [{ system: 'urn:rosc:fhir:life-domain', code: 'substance_use' }] }],
    description: { text: 'Drikke mindre' }, subject: { reference: `Patient/${mette}` },
  });
  assert.ok([403, 404].includes(res.status));
  assert.equal((await res.json()).resourceType, 'OperationOutcome');
  assert.equal(sql(`SELECT count(*) FROM goal WHERE title = 'Drikke mindre'`), '0');
});

test('writing the CarePlan: its steps changed and added at once, with If-Match; refusals write nothing', async () => {
  const mette = personOf('mette');
  const send = (user, body, headers) => fhirSend(srv, tokens[user], 'PUT', `/fhir/R4/CarePlan/${mette}`, body, headers);
  const steps = () => sql(`SELECT count(*) || '|' || coalesce(sum(version), 0) FROM step WHERE person_id = ${q(mette)}`);
  let res = await get('mette', `/fhir/R4/CarePlan/${mette}`);
  const etag = res.headers.get('etag');
  const plan = await res.json();
  assert.equal(etag, `W/"${plan.meta.versionId}"`);
  const first = plan.activity.find((a) => a.detail.status !== 'completed');
  const goalId = plan.goal[0].reference.slice(5);
  const before = steps();

  const refusals = [
    [{ ...plan, activity: plan.activity.slice(1) }, { 'If-Match': etag }, 422, 'CarePlan.activity'],
    [{ ...plan, activity: plan.activity.map((a) => a === first ? { ...a, detail: { ...a.detail, performer: [{ reference: 'Organization/' + '0'.repeat(32) }] } } : a) }, { 'If-Match': etag }, 422, /performer$/],
    [{ ...plan, activity: plan.activity.map((a) => a === first ? { ...a, detail: { ...a.detail, kind: 'Task' } } : a) }, { 'If-Match': etag }, 400, /detail\.kind$/],
    [{ ...plan, activity: [...plan.activity, { detail: { status: 'not-started', description: 'Uden mål' } }] }, { 'If-Match': etag }, 422, /activity\[\d+\]\.detail\.goal$/],
    [{ ...plan, status: 'revoked' }, { 'If-Match': etag }, 422, 'CarePlan.status'],
    [{ ...plan, activity: plan.activity.map((a) => a === first ? { ...a, detail: { ...a.detail, status: 'completed' } } : a) }, { 'If-Match': 'W/"1"' }, 412, null],
  ];
  for (const [body, headers, status, where] of refusals) {
    res = await send('mette', body, headers);
    const oo = await res.json();
    assert.equal(res.status, status, JSON.stringify(oo));
    if (where) assert.match(oo.issue[0].expression[0], where instanceof RegExp ? where : new RegExp(`^${where.replace('.', '\\.')}$`));
  }
  const stranger = await send('lars', plan, { 'If-Match': etag });
  assert.equal(stranger.status, 404);
  assert.equal(steps(), before, 'nothing was written');

  // One step done and a new one, in one write.
  const changed = { ...plan, activity: [...plan.activity.map((a) => a === first ? { ...a, detail: { ...a.detail, status: 'completed' } } : a),
    { detail: { status: 'not-started', description: 'Ringe til boligkontoret', goal: [{ reference: `Goal/${goalId}` }], scheduledPeriod: { end: '2027-01-15' } } }] };
  res = await send('mette', changed, { 'If-Match': etag });
  assert.equal(res.status, 200);
  const now = await res.json();
  assert.ok(Number(now.meta.versionId) > Number(plan.meta.versionId));
  assert.equal(now.activity.find((a) => a.id === first.id).detail.status, 'completed');
  const added = now.activity.find((a) => a.detail.description === 'Ringe til boligkontoret');
  assert.equal(added.detail.scheduledPeriod.end, '2027-01-15');
  assert.equal(sql(`SELECT status || '|' || goal_id || '|' || due_date FROM step WHERE id = ${q(added.id)}`), `not_started|${goalId}|2027-01-15`);
  assert.equal(sql(`SELECT status FROM step WHERE id = ${q(first.id)}`), 'reached');
  // The old version is stale now.
  res = await send('mette', changed, { 'If-Match': etag });
  assert.equal(res.status, 412);
});
