// A person's pathways through the JSON API (src/api/pathways.c, the offer's
// rules shared with the page in src/view/pathway.c) on the demo world, with
// a test clock. Peter (Nordlys) offers Mette (Copenhagen) the Danish
// outpatient alcohol pathway; Daan agrees one at once with Jan (Amsterdam):
// exactly the first phase's proposals, nothing in the plan. Every problem
// names its field; someone else's person answers as a missing one; a read
// is in the person's access log as the plan; the clocks follow the test
// clock in the pathway's own zone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, other, clock, mette, jan, dk;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';

// 2027-03-20, 09:00 in Copenhagen.
const setNow = (iso) => writeFileSync(clock, `${iso}\n`);
const day = (d) => new Date(Date.parse('2027-03-20T08:00:00Z') + d * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  dk = sql("SELECT id FROM pathway_template WHERE code='dk-alcohol-outpatient' AND org_id IS NULL AND version=1");
  // A clean slate: without the demo's pathways (tests/http/pathways.test.mjs reads them).
  for (const t of ['pathway_item', 'pathway_deviation', 'pathway_phase', 'pathway']) sql(`DELETE FROM ${t}`);
  clock = join(srv.dir, 'now');
  setNow(day(0));
  other = await startRosc({ db: srv.db, env: { ROSC_TEST_NOW: `file:${clock}` } });
});
after(async () => {
  await other.stop({ keep: true });
  await srv.stop();
});

const signIn = (name, orgName) => client(other).signIn(name, undefined, orgName ? { orgName } : {});
const api = (c, path, body) => c.request('POST', path, {
  body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});
const list = async (c, pid, status = 200) => {
  const res = await c.get(`/api/v1/persons/${pid}/pathways`);
  assert.equal(res.status, status);
  return res.json();
};
const counts = (pid) => sql(`SELECT (SELECT count(*) FROM goal WHERE person_id=${q(pid)}) || '|' ||
  (SELECT count(*) FROM step WHERE person_id=${q(pid)}) || '|' ||
  (SELECT count(*) FROM appointment WHERE person_id=${q(pid)})`);
const pathways = () => Number(sql('SELECT count(*) FROM pathway'));
const logged = (pid, user, what) => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u
  ON u.id = l.actor_id WHERE l.person_id = ${q(pid)} AND u.username = ${q(user)} AND l.what = ${q(what)}`));

let mp, jp;

test('an offer through the API: 201 with the pathway as the list shows it, nothing proposed yet', async () => {
  const peter = await signIn('peter');
  assert.deepEqual(await list(peter, mette), { person_id: mette, pathways: [] });
  const had = counts(mette);
  const res = await api(peter, `/api/v1/persons/${mette}/pathways`, { template_id: dk, first_contact: '2027-03-18' });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get('location'), `/api/v1/persons/${mette}/pathways`);
  const p = await res.json();
  mp = p.id;
  assert.match(mp, /^[0-9a-f]{32}$/);
  assert.deepEqual(p.template, { id: dk, code: 'dk-alcohol-outpatient', version: 1, name: 'Alcohol treatment (Denmark, outpatient)' });
  assert.equal(p.person_id, mette);
  assert.equal(p.status, 'offered');
  assert.equal(p.first_contact, '2027-03-18');
  assert.equal(p.start_due, '2027-04-01');
  assert.equal(p.started, null);
  assert.equal(p.time_zone, 'Europe/Copenhagen');
  assert.equal(p.phase, null);
  assert.equal(p.offered_at, '2027-03-20T08:00:00.000000Z');
  assert.equal(p.offered_by, 'Peter Sørensen');
  assert.equal(p.agreed_at, null);
  assert.equal(p.organisation.name, 'Behandlingscenter Nordlys');
  assert.deepEqual(p.clock, { today: '2027-03-20', day: 2, guarantee: 14, days_left: 12, start: 'waiting',
    phase_overdue: false, phase_left: null });
  assert.deepEqual(p.phases.map((x) => [x.seq, x.code, x.name, x.status, x.expected_days, x.started, x.ended]), [
    [0, 'first-contact', 'First contact', 'waiting', 7, null, null],
    [1, 'treatment-start', 'Start of treatment (within 14 days)', 'waiting', 7, null, null],
    [2, 'assessment', 'Assessment', 'waiting', 14, null, null],
    [3, 'treatment-course', 'Treatment course (about 3 months)', 'waiting', 90, null, null],
    [4, 'aftercare', 'Aftercare', 'waiting', 90, null, null],
  ]);
  assert.deepEqual(p.items, []);
  assert.deepEqual(p.deviations, []);
  assert.equal(counts(mette), had);
  assert.equal(sql(`SELECT status || '|' || version || '|' || template_id FROM pathway WHERE id=${q(mp)}`), `offered|1|${dk}`);
  assert.equal(sql(`SELECT detail FROM audit WHERE action='pathway.offer' AND target=${q(`person:${mette}`)}`),
    'dk-alcohol-outpatient v1');
  // The list shows it exactly so; in Danish, the names in Danish.
  assert.deepEqual((await list(peter, mette)).pathways, [p]);
  sql("UPDATE user_account SET lang = 'da' WHERE username = 'peter'");
  const peterDa = await signIn('peter');
  const da = (await list(peterDa, mette)).pathways[0];
  sql("UPDATE user_account SET lang = 'en' WHERE username = 'peter'");
  assert.notEqual(da.template.name, p.template.name);
  assert.equal(da.phases[0].name, 'Første henvendelse');
  // The page shows the same pathway.
  const html = await (await peter.get(`/persons/${mette}/pathways/${mp}`)).text();
  assert.match(html, /Nothing starts until the person agrees/);
});

test('"agree": true starts it at once: the first phase current, exactly its proposals, nothing in the plan', async () => {
  const daan = await signIn('daan');
  const had = counts(jan);
  const res = await api(daan, `/api/v1/persons/${jan}/pathways`, { template_id: dk, first_contact: '2027-03-20', agree: true });
  assert.equal(res.status, 201);
  const p = await res.json();
  jp = p.id;
  assert.equal(p.status, 'running');
  assert.equal(p.time_zone, 'Europe/Amsterdam', 'his calendar, not the organisation\'s');
  assert.equal(p.phase, 0);
  assert.equal(p.phase_due, '2027-03-27');
  assert.equal(p.agreed_at, '2027-03-20T08:00:00.000000Z');
  assert.equal(p.agreed_by, 'Daan de Vries');
  assert.equal(p.started, null, 'treatment starts when the first phase ends');
  assert.deepEqual(p.clock, { today: '2027-03-20', day: 0, guarantee: 14, days_left: 14, start: 'waiting',
    phase_overdue: false, phase_left: 7 });
  assert.deepEqual(p.phases.map((x) => [x.seq, x.status, x.started]), [[0, 'current', '2027-03-20'],
    [1, 'waiting', null], [2, 'waiting', null], [3, 'waiting', null], [4, 'waiting', null]]);
  assert.deepEqual(p.items.map((x) => [x.phase, x.kind, x.status, x.made_id]).sort(), [
    [0, 'appointment', 'proposed', null], [0, 'step', 'proposed', null], [0, 'step', 'proposed', null]]);
  assert.ok(p.items.every((x) => /^[0-9a-f]{32}$/.test(x.id)));
  assert.deepEqual(p.items.filter((x) => x.kind === 'appointment').map((x) => x.title), ['First conversation with the treatment place']);
  assert.ok(p.items.some((x) => /^Choose where you want treatment/.test(x.title)));
  // The same rows as the page's agree makes: only the first phase's, nothing made.
  assert.equal(sql(`SELECT kind || ':' || src FROM pathway_item WHERE pathway_id=${q(jp)} ORDER BY kind, src`).split('\n').join(','),
    'appointment:0,step:0,step:1');
  assert.equal(counts(jan), had, 'no goal, step or appointment until taken up');
  assert.equal(sql(`SELECT status || '|' || phase || '|' || version FROM pathway WHERE id=${q(jp)}`), 'running|0|2');
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action='pathway.agree' AND target=${q(`pathway:${jp}`)}`), '1');
  // Without "agree" (or false) it waits for the person.
  assert.equal(sql(`SELECT count(*) FROM pathway WHERE person_id=${q(jan)}`), '1');
});

test('taken up, left out and adapted on the pages: the API shows each with its reason', async () => {
  const daan = await signIn('daan');
  const item = (kind, src) => sql(`SELECT id FROM pathway_item WHERE pathway_id=${q(jp)} AND kind=${q(kind)} AND src=${src}`);
  const s0 = item('step', 0), s1 = item('step', 1);
  let res = await daan.post(`/persons/${jan}/pathways/${jp}/items/${s0}`, { decision: 'accept' });
  assert.equal(res.status, 303);
  res = await daan.post(`/persons/${jan}/pathways/${jp}/items/${s1}`, { decision: 'decline', [`reason_${s1}`]: 'person_wish', [`note_${s1}`]: 'Niet nu' });
  assert.equal(res.status, 303);
  // An hour later: the deviations come oldest first.
  setNow('2027-03-20T09:00:00Z');
  const html = await (await daan.get(`/persons/${jan}/pathways/${jp}/adapt`)).text();
  res = await daan.post(`/persons/${jan}/pathways/${jp}/adapt`, { kind: 'add_phase', version: /name="version" value="(\d+)"/.exec(html)[1],
    add_phase_after: '2', add_phase_name: 'Gezinsgesprekken', add_phase_days: '21', add_phase_reason: 'person_wish' });
  assert.equal(res.status, 303);
  const p = (await list(daan, jan)).pathways.find((x) => x.id === jp);
  const byId = Object.fromEntries(p.items.map((x) => [x.id, x]));
  assert.equal(byId[s0].status, 'accepted');
  assert.equal(byId[s0].made_id, sql(`SELECT made_id FROM pathway_item WHERE id=${q(s0)}`));
  assert.match(byId[s0].decided_at, /^2027-03-20T/);
  assert.equal(byId[s1].status, 'declined');
  // Taking up a step made the pathway's own goal, recorded as a proposal taken up.
  assert.ok(p.items.some((x) => x.kind === 'goal' && x.status === 'accepted' && x.made_id));
  assert.deepEqual(p.phases.map((x) => x.seq), [0, 1, 2, 5, 3, 4]);
  assert.deepEqual(p.phases[3], { seq: 5, code: null, name: 'Gezinsgesprekken', purpose: null, status: 'waiting',
    expected_days: 21, started: null, ended: null });
  assert.deepEqual(p.deviations.map((d) => [d.kind, d.phase, d.reason, d.note, d.by]), [
    ['decline', 0, 'person_wish', 'Niet nu', 'Daan de Vries'],
    ['add_phase', 5, 'person_wish', null, 'Daan de Vries'],
  ]);
  assert.match(p.deviations[0].detail, /^Decide whether you want to be anonymous/);
  assert.equal(p.deviations[1].detail, 'Gezinsgesprekken, about 21 days');
  assert.deepEqual(p.deviations.map((d) => d.at), ['2027-03-20T08:00:00.000000Z', '2027-03-20T09:00:00.000000Z']);
});

test('every problem names its field; nothing is written', async () => {
  const peter = await signIn('peter');
  const n = pathways();
  const problems = async (body) => {
    const res = await api(peter, `/api/v1/persons/${mette}/pathways`, body);
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
    const doc = await res.json();
    assert.equal(doc.code, 'validation_failed');
    return doc.errors;
  };
  const nl = sql("SELECT id FROM pathway_template WHERE code='nl-alcohol-care-standard' AND org_id IS NULL");
  for (const [body, want] of [
    [{}, [{ field: 'template_id', code: 'required' }, { field: 'first_contact', code: 'required' }]],
    [{ template_id: '', first_contact: '' }, [{ field: 'template_id', code: 'required' }, { field: 'first_contact', code: 'required' }]],
    [{ template_id: null, first_contact: '2027-03-20' }, [{ field: 'template_id', code: 'required' }]],
    [{ template_id: UNKNOWN, first_contact: '2027-03-20' }, [{ field: 'template_id', code: 'invalid_choice' }]],
    [{ template_id: 'not an id', first_contact: '2027-03-20' }, [{ field: 'template_id', code: 'invalid_choice' }]],
    [{ template_id: nl, first_contact: '2027-02-30' }, [{ field: 'first_contact', code: 'invalid_date' }]],
    [{ template_id: nl, first_contact: '20.03.2027' }, [{ field: 'first_contact', code: 'invalid_date' }]],
    [{ template_id: nl, first_contact: '2027-03-21' }, [{ field: 'first_contact', code: 'future_date' }]],
    [{ template_id: nl, first_contact: '2026-03-19' }, [{ field: 'first_contact', code: 'too_old' }]],
    // Mette's Danish pathway is still offered: one of a kind at a time.
    [{ template_id: dk, first_contact: '2027-03-20' }, [{ field: 'template_id', code: 'already_running' }]],
    [{ template_id: dk, first_contact: '2027-03-21', agree: true }, [{ field: 'template_id', code: 'already_running' },
      { field: 'first_contact', code: 'future_date' }]],
  ])
    assert.deepEqual(await problems(body), want, JSON.stringify(body));
  assert.equal(pathways(), n);
  // A year ago to the day is still accepted (and then a second one of it is not);
  // offered later than the Danish one, it comes first.
  setNow('2027-03-20T10:00:00Z');
  const res = await api(peter, `/api/v1/persons/${mette}/pathways`, { template_id: nl, first_contact: '2026-03-20' });
  assert.equal(res.status, 201);
  const p = await res.json();
  assert.equal(p.start_due, null, 'no start guarantee in this template');
  assert.deepEqual(p.clock, { today: '2027-03-20', day: 365, guarantee: null, days_left: null, start: 'none',
    phase_overdue: false, phase_left: null });
  assert.deepEqual(await problems({ template_id: nl, first_contact: '2027-03-20' }), [{ field: 'template_id', code: 'already_running' }]);
  assert.equal(pathways(), n + 1);
  // Newest offer first.
  assert.deepEqual((await list(peter, mette)).pathways.map((x) => x.template.code), ['nl-alcohol-care-standard', 'dk-alcohol-outpatient']);
});

test('wrong JSON types and invalid UTF-8 get the API\'s usual answers', async () => {
  const peter = await signIn('peter');
  const n = pathways();
  const path = `/api/v1/persons/${mette}/pathways`;
  for (const [body, field] of [
    [{ template_id: 5, first_contact: '2027-03-20' }, 'template_id'],
    [{ template_id: [dk], first_contact: '2027-03-20' }, 'template_id'],
    [{ template_id: dk, first_contact: 20270320 }, 'first_contact'],
    [{ template_id: dk, first_contact: { day: '2027-03-20' } }, 'first_contact'],
    [{ template_id: dk, first_contact: '2027-03-20', agree: 'yes' }, 'agree'],
    [{ template_id: dk, first_contact: '2027-03-20', agree: 1 }, 'agree'],
  ]) {
    const res = await api(peter, path, body);
    assert.equal(res.status, 422, JSON.stringify(body));
    const doc = await res.json();
    assert.equal(doc.code, 'validation_failed');
    assert.deepEqual(doc.errors, [{ field, code: 'invalid_format' }], JSON.stringify(body));
  }
  for (const [body, code] of [
    [Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'invalid_encoding'],
    [Buffer.from('{"template_id": "\xe9"}', 'latin1'), 'invalid_encoding'],
    // A NUL in a string is no text: the document is refused as a whole.
    [JSON.stringify({ template_id: 'a\u0000b', first_contact: '2027-03-20' }), 'bad_request'],
    ['', 'bad_request'],
    ['[1, 2]', 'bad_request'],
    ['"template_id"', 'bad_request'],
    ['{"template_id": ', 'bad_request'],
    [`{"template_id": "${dk}", "template_id": "${dk}"}`, 'bad_request'],
  ]) {
    const res = await api(peter, path, body);
    assert.equal(res.status, 400, String(body));
    assert.equal((await res.json()).code, code, String(body));
  }
  assert.equal(pathways(), n);
});

test('someone else\'s person answers exactly like a missing one; the refusal is not logged', async () => {
  const daan = await signIn('daan'), janC = await signIn('jan'), karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  const n = pathways();
  const get = async (c, pid) => {
    const res = await c.get(`/api/v1/persons/${pid}/pathways`);
    return [res.status, await res.text()];
  };
  const post = async (c, pid) => {
    const res = await api(c, `/api/v1/persons/${pid}/pathways`, { template_id: dk, first_contact: '2027-03-20', agree: true });
    return [res.status, await res.text()];
  };
  for (const c of [daan, janC]) {
    const missing = await get(c, UNKNOWN);
    assert.equal(missing[0], 404);
    assert.deepEqual(await get(c, mette), missing);
    assert.deepEqual(await post(c, mette), await post(c, UNKNOWN));
    assert.equal((await post(c, UNKNOWN))[0], 404);
  }
  // A stranger to Jan (Karin works with Mette only) gets the same.
  assert.deepEqual(await get(karin, jan), await get(karin, UNKNOWN));
  assert.doesNotMatch((await get(karin, jan))[1], /Jan|Visser|pathway/i);
  assert.equal(pathways(), n);
  assert.equal(logged(mette, 'daan', 'plan'), 0);
  assert.equal(logged(mette, 'jan', 'plan'), 0);
  assert.equal(logged(jan, 'karin', 'plan'), 0);
});

test('a read is in the person\'s access log as the plan; the person\'s own is not', async () => {
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro'), metteC = await signIn('mette');
  const before = logged(mette, 'karin', 'plan');
  const doc = await list(karin, mette);
  assert.equal(doc.pathways.length, 2);
  assert.equal(logged(mette, 'karin', 'plan'), before + 1);
  assert.equal(sql(`SELECT l.action FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id=${q(mette)} AND u.username='karin' AND l.what='plan' ORDER BY l.at_us DESC LIMIT 1`), 'read');
  // Nothing of her basic details is shown, so nothing of them is logged.
  const basic = logged(mette, 'karin', 'basic');
  await list(karin, mette);
  assert.equal(logged(mette, 'karin', 'basic'), basic);
  // Peter's offer is logged as a write to the plan.
  assert.ok(Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id=${q(mette)} AND u.username='peter' AND l.what='plan' AND l.action='write'`)) >= 2);
  const own = Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)}`));
  assert.equal((await list(metteC, mette)).pathways.length, 2);
  assert.equal(Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)}`)), own);
});

test('the clocks follow the day in the pathway\'s own zone: at risk, broken, a phase overdue', async () => {
  // Signed in afresh each time: days pass, sessions end.
  const dkOf = async (user, pid) => (await list(await signIn(user), pid)).pathways
    .find((x) => x.template.code === 'dk-alcohol-outpatient');
  // 28 March, 23:30 in Copenhagen (summer time): day 10 of Mette's, due 1 April.
  setNow('2027-03-28T21:30:00Z');
  let c = (await dkOf('peter', mette)).clock;
  assert.deepEqual([c.today, c.day, c.days_left, c.start], ['2027-03-28', 10, 4, 'at_risk']);
  // Jan's first phase was due on 27 March.
  c = (await dkOf('daan', jan)).clock;
  assert.deepEqual([c.today, c.day, c.start, c.phase_overdue, c.phase_left], ['2027-03-28', 8, 'waiting', true, -1]);
  setNow(day(13));
  c = (await dkOf('peter', mette)).clock;
  assert.deepEqual([c.today, c.days_left, c.start], ['2027-04-02', -1, 'broken']);
  setNow(day(0));
});
