// Recovery check-ups (src/core/checkup.c, src/web/checkups.c,
// src/api/checkups.c, src/jobs/checkups.c) on the demo world, with the
// test clock. Karin, coordinator at Østerbro (Åse's home organisation),
// sets Åse a plan: eight check-ups over two years, each conversation
// booked at 10:00 in Copenhagen in summer and in winter alike; Daan does
// the same for Eline in Amsterdam. A check-up not done a week after its
// day is marked missed, Åse gets one gentle reminder in the outbox, and a
// week after that Karin gets one follow-up task. Bad input is refused with
// the input kept and nothing written; someone else's person is missing;
// Karin may not read Mette's check-ups without her consent; Mette sees
// her next one on her home page and may not change the plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, client } from '../lib/rosc.mjs';

const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
const setNow = (iso) => writeFileSync(clockFile, iso + '\n');

let srv, ase, eline, mette, karinId;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';
const KOMMUNE = 'Socialforvaltningen Østerbro';
const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const karinIn = () => signIn('karin', KOMMUNE);
const personId = (name) => sql(`SELECT id FROM person WHERE display_name = ${q(name)}`);
const memberOf = (pid, user) => sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
  WHERE m.person_id = ${q(pid)} AND u.username = ${q(user)} AND m.until_date IS NULL`);
const written = () => sql('SELECT (SELECT count(*) FROM checkup_plan) || \'|\' || (SELECT count(*) FROM checkup) || \'|\' || (SELECT count(*) FROM appointment)');

/** The value an input shows again, or null. */
function inputValue(page, field) {
  const tag = new RegExp(`<input[^>]*name="${field}"[^>]*>`).exec(page);
  const m = tag && /value="([^"]*)"/.exec(tag[0]);
  return m ? m[1] : null;
}
function fieldError(page, field) {
  const m = new RegExp(`<p class="field-error" id="e-${field}">([^<]*)</p>`).exec(page);
  return m ? m[1] : null;
}
const planForm = (pid, extra = {}) => ({
  starts_on: '2027-02-10', every: '3', for_months: '24', with: memberOf(pid, 'karin'),
  at_time: '10:00', 'q-who-5': '1', 'q-barc-10': '1', ...extra,
});

/** Waits (the jobs look each second; the repeating ones once per 5 test-clock minutes). */
async function until(ok, what, ms = 20000) {
  for (let t = 0; t < ms; t += 100) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-3000)}`);
}
/** Whether a job of kind finished at or after the instant iso (the clock
 * stands still between moves; old finished jobs may be cleared away). */
const ranSince = (kind, iso) => Number(sql(`SELECT count(*) FROM job WHERE kind = ${q(kind)}
  AND state = 'done' AND finished_us >= ${Date.parse(iso) * 1000}`)) > 0;
/** Moves the clock and lets the check-up job and the early-warning sweep run once more. */
async function at(iso) {
  setNow(iso);
  await until(() => ranSince('checkups', iso) && ranSince('warnings-sweep', iso), `the jobs after ${iso}`);
  await sleep(300);
}

before(async () => {
  setNow('2027-02-10T09:00:00Z');
  srv = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  sql("UPDATE user_account SET lang = 'en'");
  ase = personId('Åse Kjær');
  eline = personId('Eline de Jong');
  mette = personId('Mette Larsen');
  karinId = sql("SELECT id FROM user_account WHERE username = 'karin'");
  sql(`UPDATE person SET email = 'ase@example.org', lang = 'da', time_zone = 'Europe/Copenhagen' WHERE id = ${q(ase)}`);
  sql(`UPDATE person SET time_zone = 'Europe/Amsterdam' WHERE id = ${q(eline)}`);
  // The demo's own flags and check-ups are left out: this test counts from none.
  sql('DELETE FROM warning_flag');
});
after(async () => {
  await srv.stop();
  rmSync(clockDir, { recursive: true, force: true });
});

const localOf = (us, zone) => new Intl.DateTimeFormat('en-GB', {
  timeZone: zone, hour: '2-digit', minute: '2-digit', year: 'numeric', month: '2-digit', day: '2-digit',
}).format(new Date(Number(us) / 1000));

test('Karin sets Åse a plan: eight check-ups over two years, each conversation at 10:00 Copenhagen time, summer and winter', async () => {
  const karin = await karinIn();
  let page = await (await karin.get(`/persons/${ase}/checkups`)).text();
  assert.match(page, /No check-ups are planned/);
  assert.match(page, /Set the plan and book the conversations/);
  const res = await karin.post(`/persons/${ase}/checkups`, planForm(ase));
  assert.equal(res.status, 303, await res.text());
  assert.match(res.headers.get('location'), /saved=set/);
  const plan = sql(`SELECT id || '|' || starts_on || '|' || every_months || '|' || for_months || '|' || questionnaires || '|' || at_time || '|' || time_zone
    FROM checkup_plan WHERE person_id = ${q(ase)} AND stopped_us IS NULL`).split('|');
  assert.deepEqual(plan.slice(1), ['2027-02-10', '3', '24', 'who-5 barc-10', '10:00', 'Europe/Copenhagen']);
  const rows = sql(`SELECT c.seq || '|' || c.due_on || '|' || c.status || '|' || a.starts_us || '|' || a.kind || '|' || a.with_member_id
    FROM checkup c JOIN appointment a ON a.person_id = c.person_id AND a.id = c.appointment_id
    WHERE c.person_id = ${q(ase)} AND c.plan_id = ${q(plan[0])} ORDER BY c.seq`).split('\n').map((l) => l.split('|'));
  assert.equal(rows.length, 8);
  assert.deepEqual(rows.map((r) => r[1]), ['2027-05-10', '2027-08-10', '2027-11-10', '2028-02-10',
    '2028-05-10', '2028-08-10', '2028-11-10', '2029-02-10']);
  for (const r of rows) {
    assert.equal(r[2], 'due');
    assert.equal(localOf(r[3], 'Europe/Copenhagen'), `${r[1].slice(8, 10)}/${r[1].slice(5, 7)}/${r[1].slice(0, 4)}, 10:00`);
    assert.equal(r[4], 'treatment');            // with her coordinator
    assert.equal(r[5], memberOf(ase, 'karin'));
  }
  // Summer time (UTC+2) in May, winter time (UTC+1) in November.
  assert.equal(new Date(Number(rows[0][3]) / 1000).toISOString(), '2027-05-10T08:00:00.000Z');
  assert.equal(new Date(Number(rows[2][3]) / 1000).toISOString(), '2027-11-10T09:00:00.000Z');
  page = await (await karin.get(`/persons/${ase}/checkups`)).text();
  assert.match(page, /Every 3 months/);
  assert.match(page, /WHO-5 well-being, BARC-10 recovery capital/);
  assert.equal((page.match(/<li class="checkup /g) || []).length, 8);
  assert.match(page, /A conversation with Karin Madsen is booked/);
  // The API says the same.
  const api = await (await karin.get(`/api/v1/persons/${ase}/checkups`)).json();
  assert.equal(api.plan.every, 3);
  assert.deepEqual(api.plan.questionnaires, ['who-5', 'barc-10']);
  assert.equal(api.checkups.length, 8);
  assert.equal(api.checkups[4].due_at, '2028-05-10T08:00:00.000000Z');
  // Her reads are in Åse's log as check-ins and questionnaires.
  assert.ok(Number(sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(ase)} AND what = 'questionnaires' AND action = 'read'`)) >= 1);
});

test('Daan books Eline\'s conversations at 10:00 Amsterdam time through the API; a peer worker\'s are peer appointments', async () => {
  const daan = await signIn('daan');
  const body = { starts_on: '2027-03-01', every: 3, for_months: 24, with: memberOf(eline, 'daan'), at_time: '10:00' };
  const res = await daan.request('POST', `/api/v1/persons/${eline}/checkups`, {
    body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': daan.csrf },
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  const doc = JSON.parse(text);
  assert.equal(doc.checkups.length, 8);
  for (const c of doc.checkups) {
    const us = sql(`SELECT starts_us FROM appointment WHERE person_id = ${q(eline)} AND id = ${q(c.appointment_id)}`);
    assert.equal(localOf(us, 'Europe/Amsterdam').slice(-5), '10:00');
  }
  // 1 June 2027 (summer) 08:00 UTC; 1 December 2027 (winter) 09:00 UTC.
  assert.equal(doc.checkups[0].due_at, '2027-06-01T08:00:00.000000Z');
  assert.equal(doc.checkups[2].due_at, '2027-12-01T09:00:00.000000Z');
  // Mads's peer worker Jonas: a new plan replaces the demo's, its booked
  // conversations still ahead cancelled, and the new ones are peer ones.
  const mads = personId('Mads Krogh');
  const karin = await karinIn();
  const before = Number(sql(`SELECT count(*) FROM appointment WHERE person_id = ${q(mads)} AND status = 'cancelled'`));
  const r2 = await karin.post(`/persons/${mads}/checkups`, planForm(mads, { with: memberOf(mads, 'jonas') }));
  assert.equal(r2.status, 303, await r2.text());
  assert.equal(sql(`SELECT count(*) FROM checkup_plan WHERE person_id = ${q(mads)} AND stopped_us IS NULL`), '1');
  assert.ok(Number(sql(`SELECT count(*) FROM appointment WHERE person_id = ${q(mads)} AND status = 'cancelled'`)) > before);
  assert.equal(sql(`SELECT DISTINCT a.kind FROM checkup c JOIN checkup_plan p ON p.person_id = c.person_id AND p.id = c.plan_id
    JOIN appointment a ON a.person_id = c.person_id AND a.id = c.appointment_id WHERE c.person_id = ${q(mads)} AND p.stopped_us IS NULL`), 'peer');
});

test('bad input is re-rendered with the input kept and a message at the field; nothing is written', async () => {
  const karin = await karinIn();
  const was = written();
  const post = (form) => karin.post(`/persons/${ase}/checkups`, form);
  // Empty.
  let res = await post({ starts_on: '', every: '', for_months: '', with: '', at_time: '' });
  assert.equal(res.status, 422);
  let page = await res.text();
  for (const f of ['starts_on', 'every', 'for_months', 'with', 'at_time', 'questionnaires']) assert.ok(fieldError(page, f), f);
  // Out of range and the wrong type, kept as typed.
  res = await post(planForm(ase, { every: '13', for_months: '12', at_time: 'ten' }));
  assert.equal(res.status, 422);
  page = await res.text();
  assert.equal(inputValue(page, 'every'), '13');
  assert.equal(inputValue(page, 'for_months'), '12');
  assert.equal(inputValue(page, 'at_time'), 'ten');
  assert.match(fieldError(page, 'every'), /limits/);
  assert.ok(fieldError(page, 'at_time'));
  res = await post(planForm(ase, { every: 'three', starts_on: '10-02-2027' }));
  assert.equal(res.status, 422);
  page = await res.text();
  assert.equal(inputValue(page, 'every'), 'three');
  assert.ok(fieldError(page, 'every'));
  assert.match(fieldError(page, 'starts_on'), /real date/);
  // An unknown questionnaire is no choice.
  res = await post(planForm(ase, { 'q-who-5': '', 'q-barc-10': '' }));
  assert.equal(res.status, 422);
  assert.ok(fieldError(await res.text(), 'questionnaires'));
  // Invalid UTF-8.
  res = await karin.request('POST', `/persons/${ase}/checkups`, {
    body: `csrf=${encodeURIComponent(karin.csrf)}&starts_on=2027%FF02&every=3&for_months=24&with=${memberOf(ase, 'karin')}&at_time=10%3A00&q-who-5=1`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.ok(fieldError(page, 'starts_on'));
  // Someone else's member id (Karin in Mette's network) is no choice.
  res = await post(planForm(ase, { with: memberOf(mette, 'karin') }));
  assert.equal(res.status, 422);
  page = await res.text();
  assert.match(fieldError(page, 'with'), /choose one of the options/);
  assert.equal(inputValue(page, 'every'), '3');
  assert.equal(written(), was);
  // The API answers problem+json with the field and a stable code.
  const api = (body) => karin.request('POST', `/api/v1/persons/${ase}/checkups`, {
    body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': karin.csrf },
  });
  for (const [body, field, code] of [
    [{ starts_on: '2027-02-10', every: 'x', with: memberOf(ase, 'karin') }, 'every', 'invalid_format'],
    [{ starts_on: '2027-02-10', every: [3], with: memberOf(ase, 'karin') }, 'every', 'invalid_format'],
    [{ starts_on: '2027-02-10', for_months: 12, with: memberOf(ase, 'karin') }, 'for_months', 'out_of_range'],
    [{ starts_on: '2027-02-10', with: memberOf(mette, 'karin') }, 'with', 'invalid_choice'],
    [{ every: 3, with: memberOf(ase, 'karin') }, 'starts_on', 'required'],
  ]) {
    const r = await api(body);
    assert.equal(r.status, 422);
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
    const p = await r.json();
    assert.equal(p.errors[0].field, field);
    assert.equal(p.errors[0].code, code);
  }
  // Every field at fault at once, as the page shows them.
  const r = await api({ starts_on: '2027-02-10', every: '13', for_months: '12', at_time: 'ten', with: memberOf(ase, 'karin') });
  assert.equal(r.status, 422);
  assert.deepEqual((await r.json()).errors.map((e) => e.field).sort(), ['at_time', 'every', 'for_months']);
  assert.equal(written(), was);
});

test('someone else\'s person is missing; consent to check-ins and questionnaires is enforced', async () => {
  const karin = await karinIn();
  const jan = personId('Jan Visser');
  const strip = (s) => s.replace(/value="[^"]*"/g, '');
  const a = await karin.get(`/persons/${UNKNOWN}/checkups`);
  const b = await karin.get(`/persons/${jan}/checkups`);
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  assert.equal(strip(await a.text()), strip(await b.text()));
  assert.equal((await karin.get(`/api/v1/persons/${jan}/checkups`)).status, 404);
  const was = written();
  assert.equal((await karin.post(`/persons/${jan}/checkups`, planForm(jan))).status, 404);
  // Mette gave Østerbro her plan and appointments, not her check-ins and
  // questionnaires: Karin is told so, and can set nothing.
  const c = await karin.get(`/persons/${mette}/checkups`);
  assert.equal(c.status, 403);
  assert.match(await c.text(), /not shared this with you/);
  assert.equal((await karin.post(`/persons/${mette}/checkups`, planForm(mette))).status, 403);
  assert.equal(written(), was);
  // With that consent she may.
  sql(`INSERT INTO consent (person_id, id, recipient_org_id, category, granted, version, updated_us)
    VALUES (${q(mette)}, 'ck-consent', (SELECT id FROM organisation WHERE name = ${q(KOMMUNE)}), 'questionnaires', 1, 1, 0)`);
  assert.equal((await karin.get(`/persons/${mette}/checkups`)).status, 200);
  sql(`DELETE FROM consent WHERE person_id = ${q(mette)} AND id = 'ck-consent'`);
});

test('when Mette\'s pathway reaches aftercare, check-ups start that day: quarterly for two years, with her coordinator', async () => {
  const peter = await signIn('peter');
  const pid = sql(`SELECT id FROM pathway WHERE person_id = ${q(mette)}`);
  const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];
  for (let i = 0; i < 6 && sql(`SELECT count(*) FROM checkup_plan WHERE person_id = ${q(mette)}`) === '0'; i++) {
    const html = await (await peter.get(`/persons/${mette}/pathways/${pid}`)).text();
    const res = await peter.post(`/persons/${mette}/pathways/${pid}/next`, { version: versionOf(html) });
    assert.equal(res.status, 303, await res.text());
  }
  assert.equal(sql(`SELECT ph.code FROM pathway_phase ph WHERE ph.person_id = ${q(mette)} AND ph.pathway_id = ${q(pid)} AND ph.status = 'current'`), 'aftercare');
  assert.equal(sql(`SELECT starts_on || '|' || every_months || '|' || for_months || '|' || with_member_id || '|' || pathway_id
    FROM checkup_plan WHERE person_id = ${q(mette)} AND stopped_us IS NULL`),
  `2027-02-10|3|24|${memberOf(mette, 'karin')}|${pid}`);
  assert.equal(sql(`SELECT count(*) FROM checkup WHERE person_id = ${q(mette)}`), '8');
});

test('Mette sees her next check-up on her home page, reads her plan and may not change it', async () => {
  const peter = await signIn('peter');
  const res = await peter.post(`/persons/${mette}/checkups`, planForm(mette, { with: memberOf(mette, 'jonas') }));
  assert.equal(res.status, 303, await res.text());
  const mc = await signIn('mette');
  const home = await (await mc.get('/me')).text();
  assert.match(home, /My next check-up/);
  assert.match(home, /10 May 2027/);
  assert.match(home, /A conversation with Jonas Kristensen/);
  const page = await (await mc.get(`/persons/${mette}/checkups`)).text();
  assert.match(page, /My check-ups/);
  assert.doesNotMatch(page, /Set a new plan|Stop the check-ups|Record as done/);
  const was = written();
  assert.equal((await mc.post(`/persons/${mette}/checkups`, planForm(mette))).status, 403);
  assert.equal((await mc.post(`/persons/${mette}/checkups/stop`, {})).status, 403);
  assert.equal(written(), was);
});

let missedId;

test('a missed check-up: one gentle reminder in her language, then after a week one task for Karin', async () => {
  const first = sql(`SELECT c.id FROM checkup c JOIN checkup_plan p ON p.person_id = c.person_id AND p.id = c.plan_id
    WHERE c.person_id = ${q(ase)} AND p.stopped_us IS NULL AND c.seq = 1`);
  missedId = first;
  const reminders = () => sql(`SELECT count(*) FROM outbox WHERE about = ${q('checkup:' + first)}`);
  const flags = () => sql(`SELECT count(*) FROM warning_flag WHERE person_id = ${q(ase)} AND kind = 'missed_checkup'`);
  // Its day (10 May 10:00, 08:00 UTC) and a week less ten minutes: still
  // due. (The jobs look every five minutes of the clock.)
  await at('2027-05-17T07:50:00Z');
  assert.equal(sql(`SELECT status FROM checkup WHERE person_id = ${q(ase)} AND id = ${q(first)}`), 'due');
  assert.equal(reminders(), '0');
  // A week after: missed, and one reminder.
  await at('2027-05-17T08:01:00Z');
  await until(() => reminders() === '1', 'the reminder');
  assert.equal(sql(`SELECT status FROM checkup WHERE person_id = ${q(ase)} AND id = ${q(first)}`), 'missed');
  const m = sql(`SELECT channel || '|' || recipient || '|' || lang || '|' || subject || '|' || body FROM outbox WHERE about = ${q('checkup:' + first)}`).split('|');
  assert.deepEqual(m.slice(0, 3), ['email', 'ase@example.org', 'da']);
  for (const secret of ['WHO', 'BARC', 'Karin', 'alkohol', 'Åse']) assert.ok(!m.join('|').includes(secret), secret);
  // Six days after the reminder: no task yet.
  await at('2027-05-23T08:02:00Z');
  assert.equal(flags(), '0');
  // Seven days after: one task, for Karin, about the check-up.
  await at('2027-05-24T08:02:00Z');
  await until(() => flags() === '1', 'the task');
  assert.equal(sql(`SELECT rule_code || '|' || category || '|' || about_id || '|' || assigned_user_id FROM warning_flag
    WHERE person_id = ${q(ase)} AND kind = 'missed_checkup'`), `checkup-missed|questionnaires|${first}|${karinId}`);
  const due = sql(`SELECT due_us FROM checkup WHERE person_id = ${q(ase)} AND id = ${q(first)}`);
  assert.equal(sql(`SELECT evidence_us FROM warning_flag WHERE person_id = ${q(ase)} AND kind = 'missed_checkup'`), due);
  // Later still: once, both.
  await at('2027-05-24T08:20:00Z');
  await at('2027-05-25T08:20:00Z');
  assert.equal(flags(), '1');
  assert.equal(reminders(), '1');
  const karin = await karinIn();
  const mine = await (await karin.get('/me/flags')).text();
  assert.match(mine, /A recovery check-up was missed/);
});

test('a check-up held late is recorded done; the data download carries plans and check-ups', async () => {
  const karin = await karinIn();
  let res = await karin.post(`/persons/${ase}/checkups/${missedId}/done`, {});
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status || '|' || done_by FROM checkup WHERE person_id = ${q(ase)} AND id = ${q(missedId)}`), `done|${karinId}`);
  // Someone else's check-up id is missing; one not yet due is refused.
  res = await karin.post(`/persons/${ase}/checkups/${UNKNOWN}/done`, {});
  assert.equal(res.status, 404);
  const later = sql(`SELECT c.id FROM checkup c JOIN checkup_plan p ON p.person_id = c.person_id AND p.id = c.plan_id
    WHERE c.person_id = ${q(ase)} AND p.stopped_us IS NULL AND c.seq = 3`);
  res = await karin.post(`/persons/${ase}/checkups/${later}/done`, {});
  assert.equal(res.status, 409);
  // Stopping cancels what is ahead, with its booked conversations.
  res = await karin.post(`/persons/${ase}/checkups/stop`, {});
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM checkup WHERE person_id = ${q(ase)} AND status = 'due'`), '0');
  assert.equal(sql(`SELECT count(*) FROM checkup c JOIN appointment a ON a.person_id = c.person_id AND a.id = c.appointment_id
    WHERE c.person_id = ${q(ase)} AND c.status = 'cancelled' AND a.status IN ('planned', 'confirmed')`), '0');
  assert.equal(sql(`SELECT count(*) FROM checkup WHERE person_id = ${q(ase)} AND status = 'cancelled'`), '7');
  const mc = await signIn('mette');
  const doc = await (await mc.get('/api/v1/me/data')).json();
  // The plan aftercare began, stopped, and the one Peter set in its place.
  assert.equal(doc.recovery_checkups.plans.length, 2);
  assert.equal(doc.recovery_checkups.checkups.length, 16);
  const inForce = doc.recovery_checkups.plans.filter((p) => p.stopped_at === null);
  assert.equal(inForce.length, 1);
  assert.equal(inForce[0].conversation_with, 'Jonas Kristensen');
});
