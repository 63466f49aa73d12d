// Early warning (src/core/warning.c, src/jobs/warnings.c, src/web/flags.c,
// src/api/flags.c) on the demo world. Mette Larsen's home organisation is
// Nordlys (Peter, by duty); Karin at the municipality is her coordinator
// and sees her appointments by her consent, but not her alcohol and drug
// details. A missed appointment raises one follow-up task for Karin, due
// in two working days; a second miss while it is open raises nothing;
// once Karin records what she did, a newer miss starts a new episode.
// Mette sees that her team was told and why; those who may not see her
// appointments see nothing of it, answered as for a missing person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRosc, client, roscCli } from '../lib/rosc.mjs';

let srv, mette, karinId;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  karinId = sql("SELECT id FROM user_account WHERE username='karin'");
  // The demo's own flags are left out: this test counts from none, once
  // the start's own round of the rules has run.
  const now = () => Date.now() * 1000;
  for (let t = 0; t < 15000; t += 100) {
    const busy = Number(sql(`SELECT count(*) FROM job WHERE kind LIKE 'warnings%'
      AND (state = 'running' OR (state = 'queued' AND run_at_us <= ${now()}))`));
    if (busy === 0) break;
    await sleep(100);
  }
  sql('DELETE FROM warning_flag');
  // Her use reported in the demo's check-ins too: each test below starts
  // its own episode.
  sql(`UPDATE checkin SET use_since = 'none' WHERE person_id=${q(mette)} AND use_since IN ('little', 'lot')`);
});
after(async () => { await srv.stop(); });

const KOMMUNE = 'Socialforvaltningen Østerbro';
const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const karinIn = () => signIn('karin', KOMMUNE);
const mine = (list) => list.filter((f) => f.person.id === mette);
const flags = (pid = mette) => sql(`SELECT count(*) FROM warning_flag WHERE person_id=${q(pid)}`);
const open = (pid = mette) => sql(`SELECT count(*) FROM warning_flag WHERE person_id=${q(pid)} AND resolved_us IS NULL`);
const api = (c, method, path, body) => c.request(method, path, {
  body: body === undefined ? undefined : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});

async function until(ok, what, ms = 15000) {
  for (let t = 0; t < ms; t += 100) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-3000)}`);
}
/** Marks one of Mette's planned appointments missed, as Peter (her home
 * organisation's professional); returns its id and the jobs done so far. */
async function miss(peter) {
  const id = sql(`SELECT id FROM appointment WHERE person_id=${q(mette)} AND status='planned' ORDER BY starts_us LIMIT 1`);
  // It began an hour ago: only a begun appointment can be missed.
  sql(`UPDATE appointment SET starts_us = ${(Date.now() - 3600e3) * 1000} WHERE person_id=${q(mette)} AND id=${q(id)}`);
  const version = Number(sql(`SELECT version FROM appointment WHERE person_id=${q(mette)} AND id=${q(id)}`));
  const res = await api(peter, 'POST', `/api/v1/appointments/${id}/status`, { status: 'missed', version });
  assert.equal(res.status, 200, await res.text());
  return id;
}
const jobsDone = () => Number(sql("SELECT count(*) FROM job WHERE kind = 'warnings' AND state = 'done'"));

let flagId;

test('a missed appointment raises one task for the coordinator who may see appointments, due in 2 working days', async () => {
  const peter = await signIn('peter');
  const before = jobsDone();
  const appt = await miss(peter);
  await until(() => Number(flags()) === 1, 'the flag');
  const row = sql(`SELECT rule_code || '|' || kind || '|' || category || '|' || about_id || '|' || assigned_user_id
    FROM warning_flag WHERE person_id=${q(mette)}`);
  assert.equal(row, `appointment-missed|missed_appointment|appointments|${appt}|${karinId}`);
  // Due two working days later, at the same time of day in Copenhagen.
  const [raised, due] = sql(`SELECT raised_us || '|' || due_us FROM warning_flag WHERE person_id=${q(mette)}`).split('|').map(Number);
  const wd = new Date(raised / 1000).getUTCDay();
  const days = (due - raised) / 86400e6;
  const expect = wd === 4 || wd === 5 ? 4 : wd === 6 ? 4 : wd === 0 ? 3 : 2;
  assert.ok(Math.abs(days - expect) < 0.05, `due ${days} days after a raise on weekday ${wd}`);
  assert.ok(jobsDone() > before);
  flagId = sql(`SELECT id FROM warning_flag WHERE person_id=${q(mette)}`);
});

test('once per episode: a second miss while the flag is open raises nothing', async () => {
  const peter = await signIn('peter');
  const before = jobsDone();
  await miss(peter);
  await until(() => jobsDone() > before, 'the job');
  assert.equal(flags(), '1');
});

test('Karin sees it in her follow-ups, page and API, and Mette\'s log says so', async () => {
  const karin = await karinIn();
  const logBefore = Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)} AND what='warnings'`));
  const html = await (await karin.get('/me/flags')).text();
  assert.match(html, /Mette Larsen/);
  assert.match(html, /An appointment was missed/);
  assert.match(html, /Get in touch within 2 working days and offer a new time/);
  const res = await karin.get('/api/v1/me/flags');
  assert.equal(res.status, 200);
  const body = await res.json();
  body.flags = mine(body.flags);
  assert.equal(body.flags.length, 1);
  assert.equal(body.flags[0].rule, 'appointment-missed');
  assert.equal(body.flags[0].follow_up, null);
  assert.equal(body.flags[0].assigned_to.user_id, karinId);
  await until(() => Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)} AND what='warnings' AND action='list'`)) > 0 || logBefore > 0, 'the log');
  // Her page of Mette's warnings is a read, logged as such.
  const page = await (await karin.get(`/persons/${mette}/flags`)).text();
  assert.match(page, /Record the follow-up/);
  await until(() => Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)} AND what='warnings' AND action='read'`)) === 1, 'the read in the log');
  const mc = await signIn('mette');
  const log = await (await mc.get('/me/log')).text();
  assert.match(log, /Opened the early warnings about you/);
});

test('Mette sees that her team was told, why and by whom, without a log entry of her own', async () => {
  const mc = await signIn('mette');
  const before = sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)}`);
  const home = await (await mc.get('/me')).text();
  assert.match(home, /Your team was told/);
  assert.match(home, /An appointment was missed/);
  assert.match(home, /Karin[^<]* will get in touch/);
  const page = await (await mc.get(`/persons/${mette}/flags`)).text();
  assert.match(page, /When my team was told/);
  assert.match(page, /Socialforvaltningen Østerbro/);
  assert.doesNotMatch(page, /Record the follow-up/);
  const apiRes = await mc.get(`/api/v1/persons/${mette}/flags`);
  assert.equal((await apiRes.json()).flags.length, 1);
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)}`), before);
  // She cannot record a follow-up of her own flag.
  const res = await mc.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'reached' });
  assert.equal(res.status, 403);
  assert.equal(open(), '1');
});

test('those who may not see it get exactly what a missing person gets', async () => {
  const daan = await signIn('daan');
  const missing = await daan.get(`/persons/${UNKNOWN}/flags`);
  const theirs = await daan.get(`/persons/${mette}/flags`);
  assert.equal(theirs.status, 404);
  assert.equal((await theirs.text()).replaceAll(mette, UNKNOWN), await missing.text());
  const apiMissing = await daan.get(`/api/v1/persons/${UNKNOWN}/flags`);
  const apiTheirs = await daan.get(`/api/v1/persons/${mette}/flags`);
  assert.equal(apiTheirs.status, 404);
  assert.equal((await apiTheirs.text()).replaceAll(mette, UNKNOWN), await apiMissing.text());
  const post = await daan.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'reached' });
  assert.equal(post.status, 404);
  assert.equal((await (await daan.get('/api/v1/me/flags')).json()).flags.length, 0);
  // Karin: another of Mette's flag ids, or one of nobody's, is missing too.
  const karin = await karinIn();
  assert.equal((await karin.post(`/persons/${mette}/flags/${UNKNOWN}`, { resolution: 'reached' })).status, 404);
  assert.equal(open(), '1');
});

test('a flag about what someone may not see is not shown to them', async () => {
  // Mette withdraws Karin's organisation's consent to her appointments.
  const org = sql("SELECT id FROM organisation WHERE name='Socialforvaltningen Østerbro'");
  sql(`UPDATE consent SET granted = 0 WHERE person_id=${q(mette)} AND recipient_org_id=${q(org)} AND category='appointments'`);
  sql("UPDATE policy_change SET n = n + 1");
  try {
    const karin = await karinIn();
    const page = await (await karin.get(`/persons/${mette}/flags`)).text();
    assert.doesNotMatch(page, /An appointment was missed/);
    assert.equal(mine((await (await karin.get('/api/v1/me/flags')).json()).flags).length, 0);
    assert.equal((await karin.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'reached' })).status, 404);
  } finally {
    sql(`UPDATE consent SET granted = 1 WHERE person_id=${q(mette)} AND recipient_org_id=${q(org)} AND category='appointments'`);
    sql("UPDATE policy_change SET n = n + 1");
  }
});

test('recording the follow-up: mistakes are answered at the field with the input kept, nothing written', async () => {
  const karin = await karinIn();
  await karin.get(`/persons/${mette}/flags`);
  let res = await karin.post(`/persons/${mette}/flags/${flagId}`, {});
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /id="resolution-error"/);
  res = await karin.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'other', note: '   ' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /value="other" checked/);
  assert.match(html, /id="e-note"/);
  res = await karin.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'tried', note: 'x'.repeat(501) });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /value="tried" checked/);
  assert.match(html, /x{501}/);
  res = await karin.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'maybe' });
  assert.equal(res.status, 422);
  // Invalid UTF-8 in the note.
  res = await karin.request('POST', `/persons/${mette}/flags/${flagId}`, {
    body: `csrf=${encodeURIComponent(karin.csrf)}&resolution=reached&note=%C3%28`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.ok([400, 422].includes(res.status), `invalid UTF-8 answered ${res.status}`);
  assert.equal(open(), '1');
  // Without the CSRF token: refused.
  res = await karin.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'reached' }, { csrf: 'nope' });
  assert.equal(res.status, 403);
  assert.equal(open(), '1');
});

test('the API refuses the same mistakes with stable codes', async () => {
  const karin = await karinIn();
  const path = `/api/v1/persons/${mette}/flags/${flagId}`;
  let res = await api(karin, 'POST', path, { note: 'hi' });
  assert.equal(res.status, 422);
  assert.deepEqual((await res.json()).errors, [{ field: 'resolution', code: 'required' }]);
  res = await api(karin, 'POST', path, { resolution: 7 });
  assert.equal(res.status, 422);
  assert.deepEqual((await res.json()).errors, [{ field: 'resolution', code: 'invalid_format' }]);
  res = await api(karin, 'POST', path, { resolution: 'other' });
  assert.deepEqual((await res.json()).errors, [{ field: 'note', code: 'required' }]);
  res = await api(karin, 'POST', path, { resolution: 'reached', note: 'y'.repeat(501) });
  assert.deepEqual((await res.json()).errors, [{ field: 'note', code: 'too_long' }]);
  res = await api(karin, 'POST', `/api/v1/persons/${mette}/flags/${UNKNOWN}`, { resolution: 'reached' });
  assert.equal(res.status, 404);
  assert.equal(open(), '1');
});

test('the follow-up is recorded, shown to Mette, and a second one is refused', async () => {
  const karin = await karinIn();
  await karin.get(`/persons/${mette}/flags`);
  const res = await karin.post(`/persons/${mette}/flags/${flagId}`, { resolution: 'reached', note: 'Vi har aftalt en ny tid.' });
  assert.equal(res.status, 303);
  assert.equal(open(), '0');
  assert.equal(sql(`SELECT resolution || '|' || resolved_by || '|' || resolution_note FROM warning_flag WHERE id=${q(flagId)}`),
    `reached|${karinId}|Vi har aftalt en ny tid.`);
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action='warning.resolve'`), '1');
  const again = await api(karin, 'POST', `/api/v1/persons/${mette}/flags/${flagId}`, { resolution: 'tried' });
  assert.equal(again.status, 409);
  const mc = await signIn('mette');
  const page = await (await mc.get(`/persons/${mette}/flags`)).text();
  assert.match(page, /We were in touch/);
  assert.match(page, /Vi har aftalt en ny tid\./);
  const home = await (await mc.get('/me')).text();
  assert.doesNotMatch(home, /Your team was told/);
  assert.equal(mine((await (await karin.get('/api/v1/me/flags')).json()).flags).length, 0);
});

test('a newer miss after the follow-up starts a new episode; what happened before it never does', async () => {
  const peter = await signIn('peter');
  let before = jobsDone();
  // Looking again raises nothing: the second miss came while the first
  // flag was open, and belongs to that episode.
  sql(`INSERT INTO job (id, kind, payload, state, run_at_us, attempts, created_us) VALUES
    ('${UNKNOWN}', 'warnings', '{"person":"${mette}"}', 'queued', 0, 0, 0)`);
  await until(() => jobsDone() > before, 'the job');
  assert.equal(flags(), '1');
  before = jobsDone();
  await miss(peter);
  await until(() => Number(flags()) === 2, 'the second flag');
  assert.equal(open(), '1');
});

test('rules are data: a bad set is refused with each problem and changes nothing; a good one is a new version', () => {
  const dir = srv.dir;
  const bad = join(dir, 'bad-rules.json');
  writeFileSync(bad, JSON.stringify({ format: 'rosc-warning-rules/1', rules: [
    { code: 'x', kind: 'craving', threshold: 11, times: 2, within_days: 7, due: { hours: 1 },
      reason: { en: 'a', nl: 'b', da: 'c' }, task: { en: 'a', nl: 'b' } }] }));
  const versions = sql('SELECT count(*) FROM warning_rules');
  let r = roscCli(['import', 'warning-rules', bad, '--db', srv.db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /rules\[0\]\.threshold: is out of range/);
  assert.match(r.stderr, /rules\[0\]\.task\.da: is required/);
  assert.equal(sql('SELECT count(*) FROM warning_rules'), versions);
  const good = join(dir, 'good-rules.json');
  writeFileSync(good, JSON.stringify({ format: 'rosc-warning-rules/1', rules: [
    { code: 'help-now', kind: 'help_now', due: { hours: 1 },
      reason: { en: 'Help now', nl: 'Hulp nu', da: 'Hjælp nu' }, task: { en: 'Call', nl: 'Bel', da: 'Ring' } }] }));
  r = roscCli(['import', 'warning-rules', good, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sql('SELECT max(version) FROM warning_rules'), String(Number(versions) + 1));
  r = roscCli(['export', 'warning-rules', 'current', '--db', srv.db]);
  assert.equal(r.status, 0);
  assert.equal(JSON.parse(r.stdout).rules[0].code, 'help-now');
  r = roscCli(['export', 'warning-rules', 'latest', '--db', srv.db]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /only "current"/);
  // The shipped set again, for the tests that follow.
  r = roscCli(['import', 'warning-rules', new URL('../../data/warning-rules.json', import.meta.url).pathname, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
});

test('the data download holds the early warnings, why each was raised and how it was followed up', async () => {
  const mc = await signIn('mette');
  const res = await mc.get('/api/v1/me/data');
  assert.equal(res.status, 200);
  const doc = await res.json();
  const ew = doc.early_warnings.filter((f) => f.rule === 'appointment-missed');
  assert.equal(ew.length, 2);
  const done = ew.find((f) => f.follow_up !== null);
  assert.equal(done.follow_up.resolution, 'reached');
  assert.equal(done.follow_up.note, 'Vi har aftalt en ny tid.');
  assert.equal(done.given_to.organisation, KOMMUNE);
  assert.equal(done.category, 'appointments');
  // In her language (Danish in the demo).
  assert.equal(done.reason, 'En aftale blev ikke holdt');
});

// Check-ins and questionnaires: their category is shared with Mette's home
// organisation (Peter, by duty) but not with Karin's, so Peter is told.
const peterId = () => sql("SELECT id FROM user_account WHERE username='peter'");
const flagOf = (rule) => sql(`SELECT count(*) FROM warning_flag WHERE person_id=${q(mette)} AND rule_code=${q(rule)}`);

test('a craving of 8 again within a week, and use reported, each give Peter a task, once', async () => {
  // The demo's Mette had a craving of 8 three days ago; no flag yet.
  sql(`DELETE FROM warning_flag WHERE person_id=${q(mette)} AND rule_code IN ('craving-high', 'use-reported')`);
  assert.equal(flagOf('craving-high'), '0');
  const mc = await signIn('mette');
  const checkin = (body) => api(mc, 'POST', `/api/v1/persons/${mette}/checkins`, body);
  let res = await checkin({ mood: 3, craving: 7, use: 'none', sleep: 3, supported: 4 });
  assert.equal(res.status, 201, await res.text());
  await sleep(1500);
  assert.equal(flagOf('craving-high'), '0', 'a craving of 7 is one below the threshold');
  res = await checkin({ mood: 2, craving: 8, use: 'little', sleep: 2, supported: 3 });
  assert.equal(res.status, 201);
  await until(() => flagOf('craving-high') === '1' && flagOf('use-reported') === '1', 'the two flags');
  assert.equal(sql(`SELECT DISTINCT assigned_user_id FROM warning_flag WHERE person_id=${q(mette)}
    AND rule_code IN ('craving-high', 'use-reported')`), peterId());
  // Once per episode: more of the same while they are open adds nothing.
  res = await checkin({ mood: 2, craving: 9, use: 'lot', sleep: 2, supported: 3 });
  assert.equal(res.status, 201);
  await sleep(1500);
  assert.equal(flagOf('craving-high'), '1');
  assert.equal(flagOf('use-reported'), '1');
  // Karin (no consent to check-ins or alcohol and drugs) sees neither.
  const karin = await karinIn();
  const page = await (await karin.get(`/persons/${mette}/flags`)).text();
  assert.doesNotMatch(page, /Craving of 8 or more/);
  assert.doesNotMatch(page, /Use of alcohol or drugs/);
  const peter = await signIn('peter');
  const mine = (await (await peter.get('/api/v1/me/flags')).json()).flags.filter((f) => f.person.id === mette);
  assert.deepEqual(mine.map((f) => f.rule).sort(), ['craving-high', 'use-reported']);
});

test('a WHO-5 at 28 or lower, and a drop of 10 or more, each raise a task', async () => {
  const mc = await signIn('mette');
  // The demo's last WHO-5 was 60. Raw 7 x 4 = 28: low, and a drop of 32.
  const res = await api(mc, 'POST', `/api/v1/persons/${mette}/questionnaire-responses`,
    { questionnaire: 'who-5', answers: { 1: 2, 2: 2, 3: 1, 4: 1, 5: 1 } });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  assert.equal(JSON.parse(text).score, 28);
  await until(() => flagOf('who5-low') === '1' && flagOf('who5-drop') === '1', 'the WHO-5 flags');
  assert.equal(sql(`SELECT value || '|' || previous FROM warning_flag WHERE person_id=${q(mette)} AND rule_code='who5-drop'`), '28|60');
  const mp = await (await mc.get(`/persons/${mette}/flags`)).text();
  assert.match(mp, /WHO-5 well-being score fell from 60 to 28/);
});

test('a weekly rhythm not kept for three weeks is noticed by the sweep', async () => {
  const jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  assert.equal(sql(`SELECT every_days FROM checkin_pref WHERE person_id=${q(jan)}`), '7');
  const now = Date.now() * 1000;
  // His check-ins, moved back: the last 21 days ago and a moment.
  const last = Number(sql(`SELECT max(at_us) FROM checkin WHERE person_id=${q(jan)}`));
  const shift = now - (21 * 86400e6 + 60e6) - last;
  sql(`UPDATE checkin SET at_us = at_us + ${shift} WHERE person_id=${q(jan)}`);
  sql(`UPDATE checkin_pref SET updated_us = ${now - 90 * 86400e6} WHERE person_id=${q(jan)}`);
  const before = Number(sql("SELECT count(*) FROM job WHERE kind = 'warnings-sweep' AND state = 'done'"));
  sql(`UPDATE job SET run_at_us = 0 WHERE kind = 'warnings-sweep' AND state = 'queued'`);
  await until(() => Number(sql("SELECT count(*) FROM job WHERE kind = 'warnings-sweep' AND state = 'done'")) > before, 'the sweep');
  await until(() => sql(`SELECT count(*) FROM warning_flag WHERE person_id=${q(jan)} AND rule_code='checkins-stopped'`) === '1', 'the flag');
  const daan = await signIn('daan');
  const all = (await (await daan.get('/api/v1/me/flags')).json()).flags;
  const list = all.filter((f) => f.person.id === jan && f.rule === 'checkins-stopped');
  assert.equal(list.length, 1, JSON.stringify(all));
  assert.match(list[0].reason, /No check-in for 21 days/);
});

test('a press of Help now gives her coordinator a task due within 2 hours, once until it is followed up', async () => {
  sql(`DELETE FROM warning_flag WHERE person_id=${q(mette)} AND rule_code='help-now'`);
  const mc = await signIn('mette');
  let res = await mc.post('/me/help', {});
  assert.equal(res.status, 303);
  await until(() => flagOf('help-now') === '1', 'the help-now flag');
  const [who, raised, due, about] = sql(`SELECT assigned_user_id || '|' || raised_us || '|' || due_us || '|' || about_id
    FROM warning_flag WHERE person_id=${q(mette)} AND rule_code='help-now'`).split('|');
  assert.equal(who, karinId);
  assert.equal((Number(due) - Number(raised)) / 3600e6, 2);
  assert.equal(about, sql(`SELECT id FROM help_now_press WHERE person_id=${q(mette)} ORDER BY at_us DESC LIMIT 1`));
  // A second press while the first task is open adds none.
  const before = jobsDone();
  res = await mc.post('/me/help', {});
  assert.equal(res.status, 303);
  await until(() => jobsDone() > before, 'the job');
  assert.equal(flagOf('help-now'), '1');
  const karin = await karinIn();
  const list = mine((await (await karin.get('/api/v1/me/flags')).json()).flags);
  assert.ok(list.some((f) => f.rule === 'help-now'));
});

test('family and supporters in her network are told nothing of the team\'s follow-ups', async () => {
  const birgit = await signIn('birgit');
  const page = await birgit.get(`/persons/${mette}/flags`);
  assert.equal(page.status, 403);
  assert.doesNotMatch(await page.text(), /An appointment was missed|Use of alcohol/);
  const api = await birgit.get(`/api/v1/persons/${mette}/flags`);
  assert.equal(api.status, 403);
  // Her page of Mette links to no early warnings; Peter's does.
  assert.doesNotMatch(await (await birgit.get(`/persons/${mette}`)).text(), /\/flags"/);
  const peter = await signIn('peter');
  assert.match(await (await peter.get(`/persons/${mette}`)).text(), new RegExp(`href="/persons/${mette}/flags"`));
});
