// A person's pathway (src/web/pathways.c, src/core/pathway_run.c,
// src/store/pathway_run.c) on the demo world, with a test clock. Mette
// Larsen (Copenhagen; Peter her coordinator at Nordlys) is offered the
// Danish outpatient alcohol pathway: she reads every phase before she
// agrees; starting proposes exactly the first phase's items and makes
// nothing; she takes them up or leaves them out; the pathway is adapted,
// each change with a reason; the clocks count calendar days across the
// change to summer time; the caseload flags the start on day 10 and a
// broken guarantee after day 14; a new template version changes nothing
// in a running pathway; others see nothing of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRosc, client, roscCli } from '../lib/rosc.mjs';

let srv, other, clock, mette, jan, dk;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';

// 2027-03-20, 09:00 in Copenhagen; summer time begins on 28 March.
const setNow = (iso) => writeFileSync(clock, `${iso}\n`);
const day = (d) => new Date(Date.parse('2027-03-20T08:00:00Z') + d * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  dk = sql("SELECT id FROM pathway_template WHERE code='dk-alcohol-outpatient' AND org_id IS NULL AND version=1");
  clock = join(srv.dir, 'now');
  setNow(day(0));
  other = await startRosc({ db: srv.db, env: { ROSC_TEST_NOW: `file:${clock}` } });
});
after(async () => {
  await other.stop({ keep: true });
  await srv.stop();
});

const signIn = (name, orgName) => client(other).signIn(name, undefined, orgName ? { orgName } : {});
const page = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.text();
};
const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];
const counts = (pid) => sql(`SELECT (SELECT count(*) FROM goal WHERE person_id=${q(pid)}) || '|' ||
  (SELECT count(*) FROM step WHERE person_id=${q(pid)}) || '|' ||
  (SELECT count(*) FROM appointment WHERE person_id=${q(pid)})`);

let pid;

test('the demo: Mette in her assessment, treatment started in time; Jan offered the Dutch pathway', async () => {
  assert.equal(sql(`SELECT p.status || '|' || h.code || '|' || CASE WHEN p.started <= p.start_due THEN 'in time' ELSE 'late' END FROM pathway p JOIN pathway_phase h
    ON h.pathway_id = p.id AND h.seq = p.phase WHERE p.person_id=${q(mette)}`), 'running|assessment|in time');
  assert.equal(sql(`SELECT p.status || '|' || t.code FROM pathway p JOIN pathway_template t ON t.id = p.template_id
    WHERE p.person_id=${q(jan)}`), 'offered|nl-alcohol-care-standard');
  // On the process with the test clock, as every sign-in here: a session
  // made on the real clock is months idle to that process's housekeeping,
  // which may end it at any moment.
  const janC = await signIn('jan');
  const id = sql(`SELECT id FROM pathway WHERE person_id=${q(jan)}`);
  const html = await page(janC, `/persons/${jan}/pathways/${id}`);
  assert.match(html, /Nothing starts until you agree/);
  // What follows starts from a clean slate for Mette.
  for (const t of ['pathway_item', 'pathway_deviation', 'pathway_phase'])
    sql(`DELETE FROM ${t} WHERE person_id=${q(mette)}`);
  sql(`DELETE FROM pathway WHERE person_id=${q(mette)}`);
});

test('the person sees every phase before agreeing, and that she may choose another provider', async () => {
  const peter = await signIn('peter');
  let html = await page(peter, `/persons/${mette}/pathways`);
  assert.match(html, /Alcohol treatment \(Denmark, outpatient\)/);
  // A date in the future is refused, the choice kept.
  let res = await peter.post(`/persons/${mette}/pathways`, { template: dk, first_contact: '2027-03-25' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /This date is in the future/);
  assert.match(html, new RegExp(`<option value="${dk}" selected`));
  res = await peter.post(`/persons/${mette}/pathways`, { template: UNKNOWN, first_contact: '2027-03-20' });
  assert.equal(res.status, 422);
  const had = counts(mette);
  res = await peter.post(`/persons/${mette}/pathways`, { template: dk, first_contact: '2027-03-20' });
  assert.equal(res.status, 303);
  pid = /pathways\/([0-9a-f]{32})/.exec(res.headers.get('location'))[1];
  assert.equal(sql(`SELECT status || '|' || first_contact || '|' || start_due || '|' || template_id FROM pathway WHERE id=${q(pid)}`),
    `offered|2027-03-20|2027-04-03|${dk}`);
  assert.equal(sql(`SELECT count(*) FROM pathway_phase WHERE pathway_id=${q(pid)} AND status='waiting'`), '5');
  assert.equal(sql(`SELECT count(*) FROM pathway_item WHERE pathway_id=${q(pid)}`), '0', 'nothing proposed before she agrees');
  assert.equal(counts(mette), had);
  // A second offer of the same pathway is refused.
  res = await peter.post(`/persons/${mette}/pathways`, { template: dk, first_contact: '2027-03-20' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /already offered or under way/);

  const metteC = await signIn('mette');
  html = await page(metteC, `/persons/${mette}/pathways/${pid}`);
  for (const phase of ['First contact', 'Start of treatment (within 14 days)', 'Assessment', 'Aftercare'])
    assert.ok(html.includes(phase), phase);
  assert.match(html, /choose another provider/);
  assert.match(html, /Nothing starts until you agree/);
  assert.match(html, /I agree: start the pathway/);
  assert.match(html, /Day 0 since you asked for help/);
  // Her home page shows the clock.
  const home = await page(metteC, '/me');
  assert.match(home, /My pathway/);
  assert.match(home, /Treatment starts no later than/);
});

test('starting proposes exactly the first phase\'s items and makes nothing in the plan', async () => {
  const metteC = await signIn('mette');
  const had = counts(mette);
  const html = await page(metteC, `/persons/${mette}/pathways/${pid}`);
  const res = await metteC.post(`/persons/${mette}/pathways/${pid}/agree`, { version: versionOf(html) });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status || '|' || phase || '|' || phase_due || '|' || agreed_by FROM pathway WHERE id=${q(pid)}`),
    `running|0|2027-03-27|${sql("SELECT id FROM user_account WHERE username='mette'")}`);
  const body = JSON.parse(sql("SELECT body FROM pathway_template WHERE id=" + q(dk)));
  const first = body.phases[0];
  const want = (first.goals?.length ?? 0) + first.activities.length + first.appointments.length;
  assert.equal(sql(`SELECT count(*) FROM pathway_item WHERE pathway_id=${q(pid)} AND phase=0 AND status='proposed'`), String(want));
  assert.equal(sql(`SELECT count(*) FROM pathway_item WHERE pathway_id=${q(pid)}`), String(want), 'only the first phase\'s');
  assert.equal(sql(`SELECT kind || ':' || src FROM pathway_item WHERE pathway_id=${q(pid)} ORDER BY kind, src`).split('\n').join(','),
    'appointment:0,step:0,step:1');
  assert.equal(counts(mette), had, 'no goal, step or appointment until taken up');
});

test('a proposal is taken up, or left out with a reason; bad input keeps what was typed', async () => {
  const metteC = await signIn('mette');
  const had = counts(mette).split('|').map(Number);
  const item = (kind, src) => sql(`SELECT id FROM pathway_item WHERE pathway_id=${q(pid)} AND kind=${q(kind)} AND src=${src}`);
  // An activity becomes a step, under a goal named after the pathway.
  let res = await metteC.post(`/persons/${mette}/pathways/${pid}/items/${item('step', 0)}`, { decision: 'accept' });
  assert.equal(res.status, 303);
  const now = counts(mette).split('|').map(Number);
  assert.deepEqual(now, [had[0] + 1, had[1] + 1, had[2]]);
  assert.equal(sql(`SELECT status FROM pathway_item WHERE id=${q(item('step', 0))}`), 'accepted');
  assert.match(sql(`SELECT title FROM step WHERE id=(SELECT made_id FROM pathway_item WHERE id=${q(item('step', 0))})`), /Vælg, hvor du vil i behandling/,
    'in her own language');
  // Taken up twice: nothing more.
  res = await metteC.post(`/persons/${mette}/pathways/${pid}/items/${item('step', 0)}`, { decision: 'accept' });
  assert.equal(res.status, 303);
  assert.deepEqual(counts(mette).split('|').map(Number), now);
  // Leaving out needs a reason: the page comes back with the note kept.
  const s1 = item('step', 1);
  res = await metteC.post(`/persons/${mette}/pathways/${pid}/items/${s1}`, { decision: 'decline', [`note_${s1}`]: 'Ikke nu' });
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /Ikke nu/);
  assert.match(html, /Please fill this in/);
  res = await metteC.post(`/persons/${mette}/pathways/${pid}/items/${s1}`, { decision: 'decline', [`reason_${s1}`]: 'person_wish', [`note_${s1}`]: 'Ikke nu' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT kind || '|' || reason || '|' || note FROM pathway_deviation WHERE pathway_id=${q(pid)}`), 'decline|person_wish|Ikke nu');
  // An appointment: a date that is not one is refused; then booked.
  const a0 = item('appointment', 0);
  res = await metteC.post(`/persons/${mette}/pathways/${pid}/items/${a0}`, { decision: 'accept', [`date_${a0}`]: '2027-02-30', [`time_${a0}`]: '10:00' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /value="2027-02-30"/);
  res = await metteC.post(`/persons/${mette}/pathways/${pid}/items/${a0}`, { decision: 'accept', [`date_${a0}`]: '2027-03-22', [`time_${a0}`]: '10:00' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT kind || '|' || minutes || '|' || time_zone || '|' || status FROM appointment WHERE id=(SELECT made_id FROM pathway_item WHERE id=${q(a0)})`),
    'treatment|30|Europe/Copenhagen|planned');
  html = await page(metteC, `/persons/${mette}/pathways/${pid}`);
  assert.match(html, /Booked/);
  assert.match(html, /Left out/);
});

test('adapting records the reason; without one nothing changes', async () => {
  const peter = await signIn('peter');
  let html = await page(peter, `/persons/${mette}/pathways/${pid}/adapt`);
  const v = versionOf(html);
  const devs = () => Number(sql(`SELECT count(*) FROM pathway_deviation WHERE pathway_id=${q(pid)}`));
  const had = devs();
  let res = await peter.post(`/persons/${mette}/pathways/${pid}/adapt`, { kind: 'length', version: v, length_phase: '0', length_days: '10' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /name="length_days"[^>]*value="10"/);
  assert.equal(devs(), had);
  res = await peter.post(`/persons/${mette}/pathways/${pid}/adapt`, { kind: 'length', version: v, length_phase: '0', length_days: '0', length_reason: 'needs_time' });
  assert.equal(res.status, 422);
  res = await peter.post(`/persons/${mette}/pathways/${pid}/adapt`, { kind: 'length', version: v, length_phase: '0', length_days: '10',
    length_reason: 'needs_time', length_note: 'Venter på orlov' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT kind || '|' || reason || '|' || detail FROM pathway_deviation WHERE pathway_id=${q(pid)} AND kind='lengthen'`),
    'lengthen|needs_time|First contact: 7 to 10 days');
  assert.equal(sql(`SELECT phase_due FROM pathway WHERE id=${q(pid)}`), '2027-03-30');
  // The same version again: someone changed it meanwhile; nothing saved.
  res = await peter.post(`/persons/${mette}/pathways/${pid}/adapt`, { kind: 'length', version: v, length_phase: '0', length_days: '12',
    length_reason: 'needs_time' });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /changed=1/);
  assert.equal(sql(`SELECT expected_days FROM pathway_phase WHERE pathway_id=${q(pid)} AND seq=0`), '10');
  // A phase of her own, after the assessment.
  html = await page(peter, `/persons/${mette}/pathways/${pid}/adapt`);
  res = await peter.post(`/persons/${mette}/pathways/${pid}/adapt`, { kind: 'add_phase', version: versionOf(html), add_phase_after: '2',
    add_phase_name: 'Familiesamtaler', add_phase_days: '21', add_phase_reason: 'person_wish' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT code || '|' || name || '|' || status FROM pathway_phase WHERE pathway_id=${q(pid)} AND seq=5`), '|Familiesamtaler|waiting');
  assert.equal(sql(`SELECT seq FROM pathway_phase WHERE pathway_id=${q(pid)} ORDER BY ord`).split('\n').join(','), '0,1,2,5,3,4');
  assert.equal(devs(), had + 2);
});

test('the clocks count calendar days across summer time; the caseload flags day 10 and a broken guarantee', async () => {
  const flags = async () => {
    // Karin is her coordinator.
    const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
    const html = await page(karin, '/persons');
    const row = html.split('<tr>').find((r) => r.includes(`/persons/${mette}"`)) ?? '';
    return [/start-risk/.test(row), /start-broken/.test(row), /phase-overdue/.test(row)];
  };
  const clockText = async () => {
    const metteC = await signIn('mette');
    return page(metteC, `/persons/${mette}/pathways/${pid}`);
  };
  setNow(day(9));
  assert.deepEqual(await flags(), [false, false, false], 'day 9');
  // Day 10 is 30 March, after the clocks went forward: still day 10.
  setNow('2027-03-29T22:30:00Z');
  assert.match(await clockText(), /Day 10 since you asked for help/);
  assert.deepEqual(await flags(), [true, false, false], 'day 10');
  // Again at once: kept between requests (the flag cache), the same.
  assert.deepEqual(await flags(), [true, false, false], 'day 10, from the cache');
  setNow(day(14));
  assert.match(await clockText(), /1 day left|0 days left/);
  assert.deepEqual((await flags())[1], false, 'day 14 is still within the guarantee');
  setNow(day(15));
  const html = await clockText();
  assert.match(html, /Treatment should have started by/);
  assert.deepEqual(await flags(), [false, true, true], 'day 15: broken, and the first phase (10 days) is overdue');
  // The first phase ends: treatment started, late.
  const metteC = await signIn('mette');
  const res = await metteC.post(`/persons/${mette}/pathways/${pid}/next`, { version: versionOf(html) });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT started || '|' || phase FROM pathway WHERE id=${q(pid)}`), '2027-04-04|1');
  assert.match(await clockText(), /later than the 14 days/);
  assert.deepEqual(await flags(), [false, false, false]);
  // The next phase's proposals, and only those, came with it.
  assert.equal(sql(`SELECT count(*) FROM pathway_item WHERE pathway_id=${q(pid)} AND phase=1 AND status='proposed'`), '3');
});

test('a new version of the template changes nothing in a running pathway', async () => {
  const file = join(srv.dir, 'dk2.json');
  const doc = JSON.parse(sql("SELECT body FROM pathway_template WHERE id=" + q(dk)));
  doc.version = 2;
  doc.phases[2].expected_days = 99;
  doc.phases[2].name.en = 'Assessment (new)';
  writeFileSync(file, JSON.stringify(doc));
  const r = roscCli(['import', 'pathway', file, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sql(`SELECT template_id FROM pathway WHERE id=${q(pid)}`), dk);
  assert.equal(sql(`SELECT expected_days FROM pathway_phase WHERE pathway_id=${q(pid)} AND seq=2`), '14');
  const metteC = await signIn('mette');
  const html = await page(metteC, `/persons/${mette}/pathways/${pid}`);
  assert.ok(!html.includes('Assessment (new)'));
  assert.match(html, /Version 1/);
});

test('others see nothing: a stranger, another person\'s pathway id, the person\'s own log', async () => {
  const daan = await signIn('daan'), janC = await signIn('jan');
  for (const path of [`/persons/${mette}/pathways`, `/persons/${mette}/pathways/${pid}`, `/persons/${UNKNOWN}/pathways/${pid}`])
    await page(daan, path, 404);
  // Jan's own page with Mette's pathway id: as a missing one.
  await page(janC, `/persons/${jan}/pathways/${pid}`, 404);
  let res = await daan.post(`/persons/${mette}/pathways/${pid}/next`, { version: '1' });
  assert.equal(res.status, 404);
  res = await janC.post(`/persons/${jan}/pathways/${pid}/adapt`, { kind: 'stop', stop_reason: 'other' });
  assert.equal(res.status, 404);
  assert.equal(sql(`SELECT status FROM pathway WHERE id=${q(pid)}`), 'running');
  // Peter's reading is in her access log, as the plan.
  assert.ok(Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id=${q(mette)} AND u.username='peter' AND l.what='plan'`)) > 0);
});

test('the person\'s data download holds her pathway, its phases, proposals and every change with its reason', async () => {
  const metteC = await signIn('mette');
  const doc = await (await metteC.get('/api/v1/me/data')).json();
  const p = doc.pathways.find((x) => x.id === pid);
  assert.equal(p.template.code, 'dk-alcohol-outpatient');
  assert.equal(p.template.version, 1);
  assert.equal(p.first_contact, '2027-03-20');
  assert.equal(p.started, '2027-04-04');
  assert.equal(p.phases.length, 6);
  assert.equal(p.phases.find((x) => x.seq === 5).name, 'Familiesamtaler');
  assert.ok(p.proposals.some((x) => x.status === 'declined'));
  // All three on one tick of the test clock: in any order.
  assert.deepEqual(p.changes.map((x) => x.kind).sort(), ['add_phase', 'decline', 'lengthen']);
  assert.equal(p.changes.find((x) => x.kind === 'decline').note, 'Ikke nu');
});

test('stopping keeps the plan as it is and needs a reason', async () => {
  const peter = await signIn('peter');
  const had = counts(mette);
  let html = await page(peter, `/persons/${mette}/pathways/${pid}/adapt`);
  let res = await peter.post(`/persons/${mette}/pathways/${pid}/adapt`, { kind: 'stop', version: versionOf(html) });
  assert.equal(res.status, 422);
  res = await peter.post(`/persons/${mette}/pathways/${pid}/adapt`, { kind: 'stop', version: versionOf(html), stop_reason: 'life_event' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status FROM pathway WHERE id=${q(pid)}`), 'stopped');
  assert.equal(counts(mette), had);
  html = await page(peter, `/persons/${mette}/pathways/${pid}`);
  assert.match(html, /Pathway stopped/);
  assert.ok(!html.includes('Adapt the pathway'));
});
