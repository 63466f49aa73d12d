// Programme outcome reports (src/core/outcome.c, src/store/outcomes.c):
// every figure against a small data set written out here, with the
// expected values worked out by hand beside it; small cells hidden,
// complementary suppression; the CSV reads back to the same figures as
// the JSON; access by role and organisation; bad queries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startRosc, client } from '../lib/rosc.mjs';

const NOW = '2026-06-15T10:00:00Z';      // today: 2026-06-15
const Q = 'from=2025-01&to=2025-12';     // the period: 2025
const id = (s) => createHash('md5').update(`outcomes-${s}`).digest('hex');
const us = (iso) => BigInt(Date.parse(iso)) * 1000n;
const DAY = 86400000000n;
const T = id('org');                     // the organisation reported on
const OTHER = id('other');

let srv;
let c;        // anne, acting for T as its coordinator
let anneId;

// One person: home organisation, T's place in the network [from, until).
function person(name, { home = T, from, until = null, consent = null } = {}) {
  const p = id(name);
  const rows = [`INSERT INTO person (id, display_name, name_key, name_sort, time_zone, home_org_id,
    created_us, updated_us) VALUES ('${p}', 'Outcome ${name}', 'outcome ${name.toLowerCase()}', '00',
    'Europe/Copenhagen', '${home}', 1, 1)`];
  if (from) {
    rows.push(`INSERT INTO network_member (person_id, id, org_id, role, from_date, until_date,
      created_us) VALUES ('${p}', '${id(`${name}-nm`)}', '${T}', 'coordinator', '${from}',
      ${until ? `'${until}'` : 'NULL'}, 1)`);
  }
  for (const [cat, granted] of Object.entries(consent || {})) {
    rows.push(`INSERT INTO consent (person_id, id, recipient_org_id, category, granted, version,
      updated_us) VALUES ('${p}', '${id(`${name}-c-${cat}`)}', '${T}', '${cat}', ${granted}, 1, 1)`);
  }
  return rows;
}

function dataset() {
  const s = [];
  s.push(`INSERT INTO organisation (id, name, name_key, sector, time_zone, created_us) VALUES
    ('${T}', 'Udfaldscentret', 'udfaldscentret', 'addiction_treatment', 'Europe/Copenhagen', 1),
    ('${OTHER}', 'Andet Sted', 'andet sted', 'social_services', 'Europe/Copenhagen', 1)`);
  s.push(`INSERT INTO membership (user_id, org_id, role, created_us) VALUES ('${anneId}', '${T}',
    'coordinator', 1)`);
  // People served. A1..A6 began 2025-02-01 and stay; B1 left after 44 days,
  // B2 after 122; C1..C3 began in 2024 (continuing); D1 left in 2024 (not
  // served); E1 is another organisation's with consent to T for basic;
  // E2 has no consent, E3 withdrew it (neither counts anywhere); F1 has T
  // as home but T has no place in the network (not counted); G1 began
  // 2025-11-01; H1..H5 began 2025-01-10 and left after 50 days.
  for (let i = 1; i <= 6; i++) s.push(...person(`A${i}`, { from: '2025-02-01' }));
  s.push(...person('B1', { from: '2025-03-01', until: '2025-04-14' }));
  s.push(...person('B2', { from: '2025-03-01', until: '2025-07-01' }));
  for (let i = 1; i <= 3; i++) s.push(...person(`C${i}`, { from: '2024-05-01' }));
  s.push(...person('D1', { from: '2023-01-01', until: '2024-06-30' }));
  s.push(...person('E1', { home: OTHER, from: '2025-05-01', consent: { basic: 1 } }));
  s.push(...person('E2', { home: OTHER, from: '2025-05-01' }));
  s.push(...person('E3', { home: OTHER, from: '2025-05-01', consent: { basic: 0, plan: 0, questionnaires: 0, substance: 0 } }));
  s.push(...person('F1', {}));
  s.push(...person('G1', { from: '2025-11-01' }));
  for (let i = 1; i <= 5; i++) s.push(...person(`H${i}`, { from: '2025-01-10', until: '2025-03-01' }));

  // Pathways T offered (template dk-alcohol-outpatient).
  const pw = (name, first, started, status = 'running') => `INSERT INTO pathway (person_id, id,
    template_id, org_id, status, time_zone, first_contact, started, offered_us, version) SELECT
    '${id(name)}', '${id(`${name}-pw`)}', t.id, '${T}', '${status}', 'Europe/Copenhagen', '${first}',
    ${started ? `'${started}'` : 'NULL'}, 1, 1 FROM pathway_template t
    WHERE t.code = 'dk-alcohol-outpatient' ORDER BY t.version DESC LIMIT 1`;
  for (let i = 1; i <= 5; i++) s.push(pw(`A${i}`, '2025-02-01', '2025-02-10'));   // 9 days: in time
  s.push(pw('A6', '2025-02-01', '2025-03-01'));                                 // 28 days: late
  s.push(pw('B1', '2025-03-01', null, 'offered'));                              // not started: late
  s.push(pw('B2', '2025-03-01', null, 'declined'));                             // declined: left out
  s.push(pw('C1', '2024-05-01', '2024-05-03'));                                 // before the period
  s.push(pw('E2', '2025-05-01', '2025-05-05'));                                 // not seen
  for (let i = 1; i <= 3; i++) s.push(pw(`H${i}`, '2025-01-10', null, 'stopped')); // late

  // Check-ups: A1..A5 done 2025-05-01; A1..A3 missed 2025-08-01; A4's
  // cancelled, A5's due in 2026 (neither counts); E1 has no consent for
  // questionnaires.
  const cu = (name, seq, due, status) => `INSERT INTO checkup (person_id, id, plan_id, seq, due_on,
    due_us, status, status_us) VALUES ('${id(name)}', '${id(`${name}-cu${seq}`)}', '${id(`${name}-cp`)}',
    ${seq}, '${due}', ${us(`${due}T08:00:00Z`)}, '${status}', 1)`;
  for (const name of ['A1', 'A2', 'A3', 'A4', 'A5', 'E1']) {
    s.push(`INSERT INTO checkup_plan (person_id, id, starts_on, time_zone, created_us) VALUES
      ('${id(name)}', '${id(`${name}-cp`)}', '2025-02-01', 'Europe/Copenhagen', 1)`);
    s.push(cu(name, 1, '2025-05-01', 'done'));
  }
  for (const name of ['A1', 'A2', 'A3']) s.push(cu(name, 2, '2025-08-01', 'missed'));
  s.push(cu('A4', 2, '2025-08-01', 'cancelled'));
  s.push(cu('A5', 2, '2026-08-01', 'due'));

  // Questionnaire scores.
  const qr = (name, k, code, day, score) => `INSERT INTO questionnaire_response (person_id, id,
    questionnaire_id, code, day, given_us, scored, score, answered, missing, source, created_by)
    SELECT '${id(name)}', '${id(`${name}-${code}-${k}`)}', q.id, '${code}', '${day}',
    ${us(`${day}T09:00:00Z`)}, 1, ${score}, 10, 0, 'self', '${anneId}' FROM questionnaire q
    WHERE q.code = '${code}' ORDER BY q.version DESC LIMIT 1`;
  const barc0 = [40, 45, 47, 50, 30, 38];
  const barc6 = [48, 47, 52, 55, 35];
  barc0.forEach((v, i) => s.push(qr(`A${i + 1}`, 0, 'barc-10', '2025-02-05', v)));
  barc6.forEach((v, i) => s.push(qr(`A${i + 1}`, 6, 'barc-10', '2025-08-05', v)));
  s.push(qr('A1', 7, 'barc-10', '2025-09-01', 20));       // later in the window: not used
  s.push(qr('C1', 0, 'barc-10', '2024-06-01', 10));       // first answer before the period
  s.push(qr('E1', 0, 'barc-10', '2025-06-01', 10));       // no consent
  const who0 = [40, 44, 48, 60, 52];
  const who6 = [56, 52, 60, 64, 68];
  who0.forEach((v, i) => s.push(qr(`A${i + 1}`, 0, 'who-5', '2025-03-01', v)));
  who6.forEach((v, i) => s.push(qr(`A${i + 1}`, 6, 'who-5', '2025-09-01', v)));

  // Early warnings given to T, raised 2025-04-01, due two days later,
  // closed after 1, 2, 3, 5 days, open, and 0 days; E1's (substance, no
  // consent) does not count.
  const raised = us('2025-04-01T10:00:00Z');
  const fl = (name, cat, days) => `INSERT INTO warning_flag (person_id, id, rule_code, kind, category,
    rule, evidence_us, raised_us, due_us, assigned_user_id, assigned_org_id, resolved_us, resolution)
    VALUES ('${id(name)}', '${id(`${name}-fl`)}', 'who5-low', 'score_at_most', '${cat}', '{}', ${raised},
    ${raised}, ${raised + 2n * DAY}, '${anneId}', '${T}',
    ${days === null ? 'NULL' : raised + BigInt(days) * DAY + (days === 0 ? 7200000000n : 0n)},
    ${days === null ? 'NULL' : "'reached'"})`;
  [['A1', 1], ['A2', 2], ['A3', 3], ['A4', 5], ['A5', null], ['A6', 0]]
    .forEach(([n, d]) => s.push(fl(n, 'questionnaires', d)));
  s.push(fl('E1', 'substance', 1));

  // Check-ins: none on 2025-05-01, use on 05-03 (a lapse), none again
  // 1, 2, 3, 7, 10 days later (A6: never); A1 lapses again 06-01 and is
  // back the next day. C1's first check-in reports use: not a lapse.
  let k = 0;
  const ci = (name, day, use) => `INSERT INTO checkin (person_id, id, day, at_us, mood, craving,
    use_since, sleep, supported, created_by) VALUES ('${id(name)}', '${id(`${name}-ci${k++}`)}',
    '${day}', ${us(`${day}T12:00:00Z`)}, 3, 2, '${use}', 3, 3, '${anneId}')`;
  const back = { A1: '2025-05-04', A2: '2025-05-05', A3: '2025-05-06', A4: '2025-05-10', A5: '2025-05-13' };
  for (let i = 1; i <= 6; i++) {
    const n = `A${i}`;
    s.push(ci(n, '2025-05-01', 'none'), ci(n, '2025-05-03', 'little'));
    if (back[n]) s.push(ci(n, back[n], 'none'));
  }
  s.push(ci('A1', '2025-06-01', 'lot'), ci('A1', '2025-06-02', 'none'));
  s.push(ci('C1', '2025-05-01', 'little'), ci('E1', '2025-05-01', 'none'), ci('E1', '2025-05-02', 'lot'));

  // Referrals T made on 2025-03-01.
  const made = us('2025-03-01T10:00:00Z');
  const rf = (name, status, days, svc) => `INSERT INTO referral (person_id, id, service_id, status,
    status_us, proposed_by_org, created_us) VALUES ('${id(name)}', '${id(`${name}-rf`)}',
    (SELECT id FROM service ORDER BY id ${svc === 2 ? 'DESC' : 'ASC'} LIMIT 1), '${status}',
    ${made + BigInt(days) * DAY}, '${T}', ${made})`;
  [['A1', 10], ['A2', 12], ['A3', 14], ['A4', 20], ['A5', 30]]
    .forEach(([n, d]) => s.push(rf(n, 'got_help', d, 1)));
  for (const n of ['A6', 'B1', 'B2']) s.push(rf(n, 'could_not_get_help', 40, 1));
  s.push(rf('C1', 'no_longer_interested', 5, 2), rf('C2', 'sent', 1, 2), rf('E2', 'got_help', 3, 1));

  // Goals set 2025-04-01: housing A1..A6 (A1..A5 reached), work and
  // education A1..A5 (none reached), finances B1; C1's (2024) and E1's (no
  // consent) do not count.
  const gl = (name, dom, status, at = '2025-04-01') => `INSERT INTO goal (person_id, id, domain, title,
    status, version, created_us, updated_us) VALUES ('${id(name)}', '${id(`${name}-g-${dom}`)}', '${dom}',
    'Et mål', '${status}', 1, ${us(`${at}T10:00:00Z`)}, 1)`;
  for (let i = 1; i <= 6; i++) s.push(gl(`A${i}`, 'housing', i <= 5 ? 'reached' : 'in_progress'));
  for (let i = 1; i <= 5; i++) s.push(gl(`A${i}`, 'work_education', 'not_started'));
  s.push(gl('B1', 'finances', 'reached'), gl('C1', 'housing', 'reached', '2024-04-01'),
    gl('E1', 'housing', 'reached'));
  return `${s.join(';\n')};`;
}

// The figures of a JSON report as "section measure group" -> value (null: hidden).
function figures(doc) {
  const m = new Map();
  for (const f of doc.figures) m.set(`${f.section} ${f.measure} ${f.group}`.trim(), f.shown ? f.value : null);
  return m;
}

const EXPECTED = {
  // served 18 (A6 B2 C3 E1 G1 H5), new 15, continuing 3: hidden, so new too.
  'served served': 18, 'served new': null, 'served continuing': null, 'served share_new': null,
  // 3 months: due A6 B2 E1 G1 H5 = 15, kept A6 B2 E1 G1 = 9, left B1 H5 = 6.
  'retention due 3': 15, 'retention retained 3': 9, 'retention left 3': 6, 'retention share 3': 60,
  // 6 months: B2 left too.
  'retention due 6': 15, 'retention retained 6': 8, 'retention left 6': 7, 'retention share 6': 53.3,
  // 12 months: G1 not due yet.
  'retention due 12': 14, 'retention retained 12': 7, 'retention left 12': 7, 'retention share 12': 50,
  // A1..A5 in time; A6, B1, H1..H3 late; B2 declined; C1 before; E2 unseen.
  'start due': 10, 'start in_time': 5, 'start late': 5, 'start share': 50,
  // 5 done, 3 missed (hidden, and done with it), 8 due.
  'checkups due': 8, 'checkups done': null, 'checkups missed': null, 'checkups share': null,
  // BARC-10: 6 first answers (250/6); 2 at 47+ (hidden). At 6 months 5
  // people: 212/5, then 237/5, change 25/5; 4 at 47+ then (1 not: hidden).
  'barc10 persons 0': 6, 'barc10 mean 0': 41.7, 'barc10 share_good 0': null,
  'barc10 persons 6': 5, 'barc10 mean_first 6': 42.4, 'barc10 mean_then 6': 47.4,
  'barc10 change 6': 5, 'barc10 share_good_first 6': null, 'barc10 share_good_then 6': null,
  'barc10 persons 12': 0, 'barc10 mean_first 12': null, 'barc10 persons 24': 0,
  // WHO-5: 244/5 first, 300/5 then; all 5 above 50 then; 3 up 10+ (hidden).
  'who5 persons 0': 5, 'who5 mean 0': 48.8, 'who5 share_good 0': null,
  'who5 mean_first 6': 48.8, 'who5 mean_then 6': 60, 'who5 change 6': 11.2,
  'who5 share_good_then 6': 100, 'who5 share_better 6': null,
  // Warnings: 6 raised, 5 closed, 1 open (hidden, and closed with it); 3
  // by the day due, 3 not (both hidden); median of 0 1 2 3 5 days = 2.
  'flags raised': 6, 'flags followed': null, 'flags open': null, 'flags share': null,
  'flags in_time': null, 'flags not_in_time': null, 'flags share_in_time': null,
  'flags median_days': 2,
  // Lapses: 7 (A1 twice), 6 back (5 people), A6 not (hidden, and the back
  // count with it); median of 1 1 2 3 7 10 days = 2.5.
  'lapses lapses': 7, 'lapses reengaged': null, 'lapses not_reengaged': null,
  'lapses share': null, 'lapses median_days': 2.5,
  // Referrals: 10; 5 got help (10 12 14 20 30 days: median 14); the other
  // statuses are 3, 1 and 1 (hidden; three hidden need nothing more).
  'referrals referrals': 10, 'referrals referrals got_help': 5,
  'referrals referrals could_not_get_help': null, 'referrals referrals no_longer_interested': null,
  'referrals referrals sent': null, 'referrals referrals withdrawn': 0,
  'referrals share_got_help': 50, 'referrals median_days got_help': 14,
  // Goals: housing 6 set, 5 reached, 1 not (hidden, and reached with it);
  // work 5 set, 0 reached: 0 %; family none; finances 1 (hidden).
  'goals set housing': 6, 'goals reached housing': null, 'goals not_reached housing': null,
  'goals share housing': null, 'goals set work_education': 5, 'goals reached work_education': 0,
  'goals share work_education': 0, 'goals set family': 0, 'goals share family': null,
  'goals set finances': null,
};

before(async () => {
  srv = await startRosc({ env: { ROSC_TEST_NOW: NOW } });
  anneId = srv.sql("SELECT id FROM user_account WHERE username = 'anne'");
  srv.sql(dataset());
  c = client(srv);
  await c.signIn('anne', undefined, { orgName: 'Udfaldscentret' });
  await c.post('/me/settings/language', { lang: 'en' });
});
after(async () => { await srv?.stop(); });

test('every figure matches the hand-computed data set, small cells hidden', async () => {
  const res = await c.get(`/api/v1/reports/outcomes?${Q}`);
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.organisation, T);
  assert.equal(doc.from, '2025-01-01');
  assert.equal(doc.to, '2025-12-31');
  assert.equal(doc.today, '2026-06-15');
  assert.equal(doc.min_persons, 5);
  const got = figures(doc);
  for (const [k, v] of Object.entries(EXPECTED)) assert.equal(got.get(k), v, k);
  // No figure is built from 1 to 4 people: every shown count is 0 or 5+.
  for (const f of doc.figures) {
    if (f.shown && f.unit === 'count' && f.measure !== 'lapses') assert.ok(f.value === 0 || f.value >= 5, `${f.section} ${f.measure} ${f.group}`);
  }
});

test('the CSV reads back to the same figures as the JSON', async () => {
  const res = await c.get(`/reports/outcomes/csv?${Q}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="rosc-outcomes-2025-01-01-2025-12-31.csv"/);
  const lines = (await res.text()).trim().split('\r\n');
  assert.equal(lines[0], 'section,measure,group,unit,value,shown');
  const csv = new Map(lines.slice(1).map((l) => {
    const [s, m, g, , v, shown] = l.split(',');
    return [`${s} ${m} ${g}`.trim(), shown === 'yes' ? Number(v) : null];
  }));
  const doc = await (await c.get(`/api/v1/reports/outcomes?${Q}`)).json();
  assert.equal(csv.size, doc.figures.length);
  assert.deepEqual(csv, figures(doc));
  for (const [k, v] of Object.entries(EXPECTED)) assert.equal(csv.get(k), v, k);
});

test('the page shows the figures, hides small cells and says how each is counted', async () => {
  const res = await c.get(`/reports?${Q}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  for (const id of ['served', 'retention', 'start', 'checkups', 'barc10', 'who5', 'flags', 'lapses', 'referrals', 'goals']) {
    assert.match(html, new RegExp(`<section id="${id}">[\\s\\S]*?How this is counted`), id);
  }
  assert.match(html, /People in care during the period<\/th><td>18<\/td>/);
  assert.match(html, /Of them, care began before<\/th><td>not shown<\/td>/);
  assert.match(html, /<svg[^>]*aria-labelledby="chart-retention-t"/);
  assert.match(html, /Retention in care, in percent[\s\S]*?<li>After 3 months: 60\.0 %<\/li>/);
  assert.match(html, /href="\/reports\/outcomes\/csv\?from=2025-01&amp;to=2025-12"/);
  // One report alone shows only its sections.
  const one = await (await c.get(`/reports/referrals?${Q}`)).text();
  assert.match(one, /<section id="referrals">/);
  assert.doesNotMatch(one, /<section id="served">/);
});

test('filters: a pathway template, a service', async () => {
  let doc = await (await c.get(`/api/v1/reports/engagement?${Q}&pathway=dk-alcohol-outpatient`)).json();
  let got = figures(doc);
  // Only persons with such a pathway from T: A1..A6, B1, B2, H1..H3 (new)
  // and C1 (continuing: hidden, and new with it).
  assert.equal(got.get('served served'), 12);
  assert.equal(got.get('served new'), null);
  assert.equal(got.get('served continuing'), null);
  assert.equal(got.get('retention due 3'), 11);
  // Kept A1..A6 and B2 (7); left B1, H1..H3 (4: hidden, the 7 with it).
  assert.equal(got.get('retention retained 3'), null);
  assert.equal(got.get('retention left 3'), null);
  const svc = srv.sql('SELECT id FROM service ORDER BY id ASC LIMIT 1');
  doc = await (await c.get(`/api/v1/reports/referrals?${Q}&service=${encodeURIComponent(svc)}`)).json();
  got = figures(doc);
  assert.equal(doc.service, svc);
  assert.equal(got.get('referrals referrals'), 8);
  // 5 got help, 3 could not (hidden): the 5 is hidden too, or 8 - 5 = 3.
  assert.equal(got.get('referrals referrals got_help'), null);
  assert.equal(got.get('referrals referrals could_not_get_help'), null);
  assert.equal(got.get('referrals share_got_help'), null);
  assert.equal(got.has('served served'), false);
  doc = await (await c.get(`/api/v1/reports/engagement?${Q}&pathway=no-such-template`)).json();
  assert.equal(figures(doc).get('served served'), 0);
});

test('who may see a report: admins and coordinators acting for the organisation', async () => {
  const anon = client(srv);
  assert.equal((await anon.get('/api/v1/reports/outcomes')).status, 401);
  const page = await anon.get('/reports');
  assert.ok([302, 303].includes(page.status), `anonymous page: ${page.status}`);
  for (const who of ['peter', 'mette', 'else']) {
    const x = client(srv);
    await x.signIn(who);
    const a = await x.get(`/api/v1/reports/outcomes?${Q}`);
    assert.ok([403, 404].includes(a.status), `${who}: ${a.status}`);
    assert.match(a.headers.get('content-type'), /problem\+json/);
    assert.notEqual((await x.get('/reports')).status, 200, who);
    assert.notEqual((await x.get(`/reports/outcomes/csv?${Q}`)).status, 200, who);
  }
  // Another organisation's id, even one the user belongs to, is refused.
  const other = await c.get(`/api/v1/reports/outcomes?${Q}&org=${OTHER}`);
  assert.equal(other.status, 403);
  const nordlys = srv.sql("SELECT org_id FROM membership m JOIN user_account u ON u.id = m.user_id WHERE u.username = 'anne' AND m.role = 'org_admin'");
  assert.equal((await c.get(`/api/v1/reports/outcomes?org=${nordlys}`)).status, 403);
  // Fleur, De Brug's admin, sees De Brug's report, none of T's persons.
  const fleur = client(srv);
  await fleur.signIn('fleur');
  const fb = await (await fleur.get(`/api/v1/reports/engagement?${Q}`)).json();
  assert.notEqual(fb.organisation, T);
  assert.equal((await fleur.get(`/api/v1/reports/engagement?${Q}&org=${T}`)).status, 403);
  assert.equal((await c.get('/api/v1/reports/no-such-report')).status, 404);
  assert.equal((await c.get('/reports/no-such-report')).status, 404);
});

test('a query that does not read: 422 at the field, the input kept', async () => {
  const cases = [
    ['from=2025-13&to=2025-12', 'from', 'invalid_format'],
    ['from=2025-01&to=december', 'to', 'invalid_format'],
    ['from=2025-06&to=2025-01', 'to', 'out_of_range'],
    ['from=2000-01&to=2025-01', 'to', 'out_of_range'],
    [`${Q}&service=${'x'.repeat(201)}`, 'service', 'too_long'],
    [`${Q}&service=a%20b`, 'service', 'invalid_format'],
    [`${Q}&pathway=Caps`, 'pathway', 'invalid_format'],
    ['from=&to=', null, null],
  ];
  for (const [q, field, code] of cases) {
    const res = await c.get(`/api/v1/reports/outcomes?${q}`);
    if (field === null) { assert.equal(res.status, 200, q); continue; }
    assert.equal(res.status, 422, q);
    const p = await res.json();
    assert.deepEqual(p.errors, [{ field, code }], q);
  }
  const page = await c.get('/reports/outcomes?from=2025-13&to=2025-12');
  assert.equal(page.status, 422);
  const html = await page.text();
  assert.match(html, /<input id="f-from" name="from" type="month" value="2025-13"/);
  assert.match(html, /id="e-from">Please give a month as YYYY-MM/);
  assert.doesNotMatch(html, /<section id="served">/);
  const csv = await c.get('/reports/outcomes/csv?from=2025-06&to=2025-01');
  assert.equal(csv.status, 422);
  assert.match(await csv.text(), /id="e-to">The last month must not come before the first/);
  // Invalid UTF-8 in the query is refused before any report is made.
  assert.equal((await c.get('/api/v1/reports/outcomes?from=%FF')).status, 400);
});

// The reports count from rows kept per person (migration 0031), made again
// for the persons a write touched: each kind of write must show at once.
test('the figures follow every write: check-ins, answers, consent, a place in the network', async () => {
  const get = async (name) => figures(await (await c.get(`/api/v1/reports/${name}?${Q}`)).json());
  const ci = (name, n, day, use) => `INSERT INTO checkin (person_id, id, day, at_us, mood, craving,
    use_since, sleep, supported, created_by) VALUES ('${id(name)}', '${id(`${name}-late-ci${n}`)}',
    '${day}', ${us(`${day}T12:00:00Z`)}, 3, 2, '${use}', 3, 3, '${anneId}')`;
  let got = await get('outcomes');
  assert.equal(got.get('lapses lapses'), 7);
  assert.equal(srv.sql('SELECT count(*) FROM outcome_dirty'), '0');

  // A2 uses again on 07-01 (a lapse, not back yet), then is back 3 days later.
  srv.sql(ci('A2', 1, '2025-07-01', 'lot'));
  got = await get('follow-up');
  assert.equal(got.get('lapses lapses'), 8);
  assert.equal(got.get('lapses median_days'), 2.5);
  srv.sql(ci('A2', 2, '2025-07-04', 'none'));
  got = await get('follow-up');
  assert.equal(got.get('lapses lapses'), 8);
  // 1 1 2 3 3 7 10 days.
  assert.equal(got.get('lapses median_days'), 3);

  // A6 answers BARC-10 six months after the first (38): 50.
  srv.sql(`INSERT INTO questionnaire_response (person_id, id, questionnaire_id, code, day, given_us,
    scored, score, answered, missing, source, created_by) SELECT '${id('A6')}', '${id('A6-barc-late')}',
    q.id, 'barc-10', '2025-08-06', ${us('2025-08-06T09:00:00Z')}, 1, 50, 10, 0, 'self', '${anneId}'
    FROM questionnaire q WHERE q.code = 'barc-10' ORDER BY q.version DESC LIMIT 1`);
  got = await get('recovery-capital');
  assert.equal(got.get('barc10 persons 6'), 6);
  assert.equal(got.get('barc10 mean_first 6'), 41.7);   // 250 / 6
  assert.equal(got.get('barc10 mean_then 6'), 47.8);    // 287 / 6

  // A6 reaches the housing goal: all six reached (the one missing no longer hides them).
  srv.sql(`UPDATE goal SET status = 'reached' WHERE id = '${id('A6-g-housing')}'`);
  got = await get('reintegration');
  assert.equal(got.get('goals reached housing'), 6);
  assert.equal(got.get('goals share housing'), 100);
  // A4's cancelled check-up is marked missed after all: 9 due.
  srv.sql(`UPDATE checkup SET status = 'missed' WHERE id = '${id('A4-cu2')}'`);
  assert.equal((await get('checkups')).get('checkups due'), 9);

  // E1's consent for basic ran out yesterday: not counted; to today: counted.
  srv.sql(`UPDATE consent SET until_date = '2026-06-14' WHERE person_id = '${id('E1')}'`);
  assert.equal((await get('engagement')).get('served served'), 17);
  srv.sql(`UPDATE consent SET until_date = '2026-06-15' WHERE person_id = '${id('E1')}'`);
  assert.equal((await get('engagement')).get('served served'), 18);
  // F1, whose home T is, gets a place in the network: counted.
  srv.sql(`INSERT INTO network_member (person_id, id, org_id, role, from_date, created_us)
    VALUES ('${id('F1')}', '${id('F1-nm')}', '${T}', 'coordinator', '2025-06-01', 1)`);
  assert.equal((await get('engagement')).get('served served'), 19);
  // Gone again: no longer counted.
  srv.sql(`DELETE FROM network_member WHERE id = '${id('F1-nm')}'`);
  assert.equal((await get('engagement')).get('served served'), 18);
  assert.equal(srv.sql('SELECT count(*) FROM outcome_dirty'), '0');
});
