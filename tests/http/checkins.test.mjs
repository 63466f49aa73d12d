// Check-ins by the person (src/web/checkins.c, src/api/checkins.c,
// src/store/checkins.c, src/jobs/checkin_reminders.c) on the demo world.
// Mette writes and reads her own; Peter (her home organisation, by duty)
// reads them; Karin reads them only once Mette consents, without craving
// and use unless that is shared too, and each read lands in Mette's
// access log; nobody but Mette writes one; someone else's id answers as a
// missing one; bad input is refused at the field with nothing written;
// the reminder reaches the outbox once per due period, by the test clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, timed, mette, jan, karinOrg;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';
const signIn = (name, s = srv, orgName) => client(s).signIn(name, undefined, orgName ? { orgName } : {});
const api = (c, path, body) => c.request('POST', path, {
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});
const count = (pid) => Number(sql(`SELECT count(*) FROM checkin WHERE person_id = ${q(pid)}`));
const GOOD = { mood: '4', craving: '2', use: 'none', sleep: '3', supported: '5', line: 'En god dag.' };

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  karinOrg = sql("SELECT id FROM organisation WHERE name='Socialforvaltningen Østerbro'");
});
after(async () => {
  if (timed) await timed.stop({ keep: true });
  await srv.stop();
});

test('the demo: Mette checks in daily with a reminder at 20:00, a streak, a good week and one hard evening', async () => {
  assert.equal(sql(`SELECT every_days || '|' || remind || '|' || remind_at FROM checkin_pref WHERE person_id=${q(mette)}`), '1|1|20:00');
  assert.equal(sql(`SELECT every_days FROM checkin_pref WHERE person_id=${q(jan)}`), '7');
  assert.ok(count(mette) >= 20);
  assert.equal(sql(`SELECT count(*) FROM checkin WHERE person_id=${q(mette)} AND craving = 8`), '1');
  const c = await signIn('mette');
  const html = await (await c.get(`/persons/${mette}/checkins`)).text();
  assert.match(html, /Your streak: \d+ days in a row\./);
  assert.match(html, /[1-9]\d* good weeks? in the last 12 weeks/);
  assert.match(html, /<svg[^>]*role="img"/);
  assert.match(html, /Hård aften/);
  assert.match(html, /Last check-in: /);
  assert.match(html, /Rhythm: every day\./);
  assert.match(html, /id="chart-craving-t"/);
  // Good news first: the streak before the chart, the chart before the list.
  assert.ok(html.indexOf('Your streak') < html.indexOf('<svg'));
  assert.ok(html.indexOf('<svg') < html.indexOf('id="s-list"'));
  // The check-in is one tap from her home page.
  assert.match(await (await c.get('/me')).text(), /href="\/me\/checkin"/);
});

test('the person checks in in a few taps and is thanked with her streak', async () => {
  const c = await signIn('mette');
  const form = await (await c.get('/me/checkin')).text();
  for (const name of ['mood', 'craving', 'use', 'sleep', 'supported'])
    assert.match(form, new RegExp(`<fieldset[^>]*><legend>[^<]+</legend>`), name);
  assert.match(form, /<input type="radio" id="f-mood" name="mood" value="1">/);
  assert.match(form, /name="use" value=""/);             // she may skip it
  const before = count(mette);
  let res = await c.post('/me/checkin', GOOD);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/me/checkin?saved=1');
  assert.equal(count(mette), before + 1);
  const row = sql(`SELECT mood || '|' || craving || '|' || use_since || '|' || sleep || '|' || supported || '|' || line
    FROM checkin WHERE person_id=${q(mette)} ORDER BY at_us DESC LIMIT 1`);
  assert.equal(row, '4|2|none|3|5|En god dag.');
  const thanks = await (await c.get('/me/checkin?saved=1')).text();
  assert.match(thanks, /Thank you, Mette/);
  assert.match(thanks, /Your streak: \d+ days in a row/);
  // Use skipped, no line: stored as not said.
  res = await c.post('/me/checkin', { ...GOOD, use: '', line: '' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT coalesce(use_since, 'skipped') || '|' || coalesce(line, 'none') FROM checkin
    WHERE person_id=${q(mette)} ORDER BY at_us DESC, id DESC LIMIT 1`), 'skipped|none');
  // Her own reads are not in her access log.
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)} AND what='questionnaires'`), '0');
});

test('bad input: refused at the field, what was chosen kept, nothing written', async () => {
  const c = await signIn('mette');
  await c.get('/me/checkin');
  const before = count(mette);
  const cases = [
    [{}, ['mood', 'required']],
    [{ ...GOOD, mood: '' }, ['mood', 'required']],
    [{ ...GOOD, mood: '6' }, ['mood', 'out_of_range']],
    [{ ...GOOD, craving: '11' }, ['craving', 'out_of_range']],
    [{ ...GOOD, sleep: 'well' }, ['sleep', 'invalid_format']],
    [{ ...GOOD, supported: '2.5' }, ['supported', 'invalid_format']],
    [{ ...GOOD, use: 'sometimes' }, ['use', 'invalid_choice']],
    [{ ...GOOD, line: 'x'.repeat(201) }, ['line', 'too_long']],
    [{ ...GOOD, line: 'two\nlines' }, ['line', 'invalid_format']],
  ];
  for (const [form, [field]] of cases) {
    const res = await c.post('/me/checkin', form);
    assert.equal(res.status, 422, JSON.stringify(form));
    const html = await res.text();
    assert.match(html, new RegExp(`<p class="field-error" id="e-${field}">`), field);
    assert.match(html, new RegExp(`href="#f-${field}"`));
    if (form.craving === '2' && field !== 'craving')
      assert.match(html, /id="f-craving-2" name="craving" value="2" checked/);
  }
  // The line kept as typed when it is too long.
  const res = await c.post('/me/checkin', { ...GOOD, mood: '9', line: 'Min dag' });
  assert.match(await res.text(), /value="Min dag"/);
  // Invalid UTF-8.
  const raw = await c.request('POST', '/me/checkin', {
    body: `csrf=${encodeURIComponent(c.csrf)}&mood=3&craving=2&sleep=3&supported=3&line=%FF%FE`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(raw.status, 422);
  assert.match(await raw.text(), /id="e-line"/);
  const raw2 = await c.request('POST', '/me/checkin', {
    body: `csrf=${encodeURIComponent(c.csrf)}&mood=%FF&craving=2&sleep=3&supported=3`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(raw2.status, 422);
  assert.match(await raw2.text(), /id="e-mood"/);
  assert.equal(count(mette), before);
});

test('staff read by duty or with consent, each read in her log; craving and use only with that consent', async () => {
  // Peter: her home organisation, by duty.
  const peter = await signIn('peter');
  let res = await peter.get(`/persons/${mette}/checkins`);
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /Check-ins of Mette/);
  assert.match(html, /Craving/);
  assert.match(html, /Only the person writes their check-ins/);
  assert.match(html, /Streak: \d+ days in a row/);
  assert.equal(sql(`SELECT count(*) > 0 FROM access_log WHERE person_id=${q(mette)} AND what='questionnaires' AND action='read' AND why='duty'`), '1');
  // Karin: nothing shared yet, told so.
  const karin = await signIn('karin', srv, 'Socialforvaltningen Østerbro');
  res = await karin.get(`/persons/${mette}/checkins`);
  assert.equal(res.status, 403);
  res = await karin.get(`/api/v1/persons/${mette}/checkins`);
  assert.equal(res.status, 403);
  // Mette shares check-ins with Karin's organisation, not substance use.
  sql(`INSERT INTO consent (person_id, id, recipient_org_id, category, granted, version, updated_us)
    VALUES (${q(mette)}, 'c0ffee00c0ffee00c0ffee00c0ffee01', ${q(karinOrg)}, 'questionnaires', 1, 1, 1)`);
  res = await karin.get(`/persons/${mette}/checkins`);
  assert.equal(res.status, 200);
  html = await res.text();
  assert.doesNotMatch(html, /Craving/);
  assert.doesNotMatch(html, /Use since last time/);
  assert.doesNotMatch(html, /chart-craving/);
  assert.match(html, /id="chart-mood-t"/);
  assert.match(html, /Mood/);
  const log = sql(`SELECT what || '|' || why FROM access_log a JOIN user_account u ON u.id = a.actor_id
    WHERE a.person_id=${q(mette)} AND u.username='karin' ORDER BY at_us`);
  assert.match(log, /questionnaires\|consent/);
  assert.doesNotMatch(log, /substance/);
  res = await karin.get(`/api/v1/persons/${mette}/checkins`);
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.ok(doc.checkins.length > 0);
  assert.equal(doc.checkins[0].craving, null);
  assert.equal(doc.checkins[0].use, null);
  // Her log says so, in words.
  const c = await signIn('mette');
  assert.match(await (await c.get('/me/log')).text(), /Opened your check-ins and questionnaires/);
  // Staff may not write one: a clear refusal, nothing written.
  const before = count(mette);
  res = await api(karin, `/api/v1/persons/${mette}/checkins`, { mood: 3, craving: 1, sleep: 3, supported: 3 });
  assert.equal(res.status, 403);
  const p = await res.json();
  assert.equal(p.errors[0].code, 'only_the_person');
  res = await api(peter, `/api/v1/persons/${mette}/checkins`, { mood: 3, craving: 1, sleep: 3, supported: 3 });
  assert.equal(res.status, 403);
  assert.equal(count(mette), before);
  sql(`DELETE FROM consent WHERE id = 'c0ffee00c0ffee00c0ffee00c0ffee01'`);
  res = await karin.get(`/persons/${mette}/checkins`);
  assert.equal(res.status, 403);
});

test('someone else\'s check-ins answer like a missing person', async () => {
  const c = await signIn('mette');
  const other = await c.get(`/persons/${jan}/checkins`);
  const missing = await c.get(`/persons/${UNKNOWN}/checkins`);
  assert.equal(other.status, 404);
  assert.equal(missing.status, 404);
  const a = await c.get(`/api/v1/persons/${jan}/checkins`);
  const b = await c.get(`/api/v1/persons/${UNKNOWN}/checkins`);
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  assert.deepEqual(await a.json(), await b.json());
  const before = count(jan);
  const w = await api(c, `/api/v1/persons/${jan}/checkins`, { mood: 3, craving: 1, sleep: 3, supported: 3 });
  assert.equal(w.status, 404);
  assert.equal(count(jan), before);
  // Daan (Jan's coordinator) knows nothing of Mette.
  const daan = await signIn('daan');
  assert.equal((await daan.get(`/persons/${mette}/checkins`)).status, 404);
});

test('the API: the person writes; bad input with stable codes; newest first, keyset paged', async () => {
  const c = await signIn('jan');
  const before = count(jan);
  let res = await api(c, `/api/v1/persons/${jan}/checkins`, { mood: 4, craving: 3, use: 'none', sleep: 4, supported: 4, line: 'Goed.' });
  assert.equal(res.status, 201);
  const made = await res.json();
  assert.equal(made.mood, 4);
  assert.equal(made.use, 'none');
  assert.match(made.day, /^\d{4}-\d{2}-\d{2}$/);
  res = await api(c, `/api/v1/persons/${jan}/checkins`, { mood: 3, craving: 3, use: null, sleep: 4, supported: 4 });
  assert.equal(res.status, 201);
  assert.equal((await res.json()).use, null);
  const bad = [
    [{}, 'mood', 'required'],
    [{ mood: 0, craving: 3, sleep: 3, supported: 3 }, 'mood', 'out_of_range'],
    [{ mood: '3', craving: 3, sleep: 3, supported: 3 }, 'mood', 'invalid_format'],
    [{ mood: 3, craving: 3.5, sleep: 3, supported: 3 }, 'craving', 'invalid_format'],
    [{ mood: 3, craving: 3, sleep: 3, supported: 3, use: 'some' }, 'use', 'invalid_choice'],
    [{ mood: 3, craving: 3, sleep: 3, supported: 3, use: 2 }, 'use', 'invalid_format'],
    [{ mood: 3, craving: 3, sleep: 3, supported: 3, line: 'y'.repeat(201) }, 'line', 'too_long'],
    [{ mood: 3, craving: 3, sleep: 3, supported: 3, line: 7 }, 'line', 'invalid_format'],
  ];
  for (const [body, field, code] of bad) {
    res = await api(c, `/api/v1/persons/${jan}/checkins`, body);
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.match(res.headers.get('content-type'), /application\/problem\+json/);
    const p = await res.json();
    assert.deepEqual(p.errors[0], { field, code });
  }
  res = await api(c, `/api/v1/persons/${jan}/checkins`, '{"mood": 3, "line": "\\u0000"}');
  assert.ok([400, 422].includes(res.status));
  assert.equal(count(jan), before + 2);
  // Newest first, two a page.
  res = await c.get(`/api/v1/persons/${jan}/checkins?limit=2`);
  assert.equal(res.status, 200);
  let doc = await res.json();
  assert.equal(doc.every_days, 7);
  assert.equal(doc.checkins.length, 2);
  assert.equal(doc.checkins[0].mood, 3);
  assert.equal(doc.checkins[1].id, made.id);
  assert.ok(doc.next);
  const seen = new Set(doc.checkins.map((x) => x.id));
  while (doc.next) {
    res = await c.get(`/api/v1/persons/${jan}/checkins?limit=2&before=${doc.next}`);
    doc = await res.json();
    for (const x of doc.checkins) {
      assert.ok(!seen.has(x.id));
      seen.add(x.id);
    }
  }
  assert.equal(seen.size, count(jan));
  assert.equal((await c.get(`/api/v1/persons/${jan}/checkins?limit=0`)).status, 400);
  assert.equal((await c.get(`/api/v1/persons/${jan}/checkins?before=nope`)).status, 400);
});

test('rhythm and reminder: the person\'s own settings, checked', async () => {
  const c = await signIn('jan');
  const html = await (await c.get('/me/checkin/settings')).text();
  assert.match(html, /name="every_days"/);
  let res = await c.post('/me/checkin/settings', { every_days: '5', remind: 'on', remind_at: '20:00', channel: 'email' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="e-every_days"/);
  res = await c.post('/me/checkin/settings', { every_days: '3', remind: 'on', remind_at: '25:00', channel: 'email' });
  assert.equal(res.status, 422);
  res = await c.post('/me/checkin/settings', { every_days: '3', remind: 'on', remind_at: '21:00', channel: 'sms' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT every_days || '|' || remind || '|' || remind_at || '|' || channel FROM checkin_pref WHERE person_id=${q(jan)}`), '3|1|21:00|sms');
  await c.post('/me/checkin/settings', { every_days: '7', remind: 'off', remind_at: '20:00', channel: 'email' });
  // Staff have no such page (they are no person).
  const daan = await signIn('daan');
  assert.equal((await daan.get('/me/checkin/settings')).status, 404);
  assert.equal((await daan.get('/me/checkin')).status, 404);
});

test('the data download holds the check-ins and the rhythm', async () => {
  const c = await signIn('mette');
  const doc = await (await c.get('/api/v1/me/data')).json();
  assert.ok(doc.checkins.length >= 20);
  assert.ok(doc.checkins.some((x) => x.craving === 8));
  assert.equal(doc.checkin_rhythm.every_days, 1);
  assert.equal(doc.checkin_rhythm.remind_at, '20:00');
});

test('the reminder reaches the outbox once per due period, gently, in her language', async () => {
  await srv.stop({ keep: true });
  const clock = join(srv.dir, 'now');
  const setNow = (iso) => writeFileSync(clock, `${iso}\n`);
  setNow('2031-05-05T15:00:00Z');
  sql(`DELETE FROM checkin WHERE person_id=${q(mette)}`);
  sql(`UPDATE person SET email = 'mette@example.org', lang = 'da', time_zone = 'Europe/Copenhagen' WHERE id = ${q(mette)}`);
  sql(`UPDATE checkin_pref SET reminded_day = NULL WHERE person_id = ${q(mette)}`);
  timed = await startRosc({ db: srv.db, env: { ROSC_TEST_NOW: `file:${clock}` } });
  const tsql = (x) => timed.sql(x);
  const msgs = () => tsql(`SELECT subject || '|' || body || '|' || lang FROM outbox WHERE about = ${q('checkin:' + mette)} ORDER BY created_us`)
    .split('\n').filter(Boolean);
  // The job has run for a time once its next run is queued after it
  // (housekeeping clears finished jobs, so they cannot be counted).
  const next = () => Number(tsql("SELECT coalesce(max(run_at_us), 0) FROM job WHERE kind = 'checkin_reminders' AND state = 'queued'"));
  async function at(iso) {
    const us = Date.parse(iso) * 1000;
    setNow(iso);
    for (let t = 0; t < 20000 && next() <= us; t += 100) await sleep(100);
    assert.ok(next() > us, `the job after ${iso}:\n${timed.log().slice(-2000)}`);
  }
  // 19:59 in Copenhagen: not yet.
  await at('2031-05-05T17:59:00Z');
  assert.equal(msgs().length, 0);
  // 20:00: one, with nothing sensitive, in Danish (her language).
  await at('2031-05-05T18:00:30Z');
  assert.equal(msgs().length, 1);
  const [subject, body, lang] = msgs()[0].split('|');
  assert.equal(lang, 'da');
  for (const word of [/alkohol/i, /alcohol/i, /drug/i, /stof/i, /trang/i, /crav/i, /drik/i, /drink/i])
    assert.doesNotMatch(subject + ' ' + body, word);
  // Later the same evening: still one.
  await at('2031-05-05T20:30:00Z');
  assert.equal(msgs().length, 1);
  // The next evening: the next period, one more.
  await at('2031-05-06T18:01:00Z');
  assert.equal(msgs().length, 2);
  // She checks in the morning after: no reminder that evening, one the next.
  setNow('2031-05-07T08:00:00Z');
  const c = await signIn('mette', timed);
  const res = await api(c, `/api/v1/persons/${mette}/checkins`, { mood: 4, craving: 2, use: 'none', sleep: 4, supported: 4 });
  assert.equal(res.status, 201);
  assert.equal((await res.json()).day, '2031-05-07');
  await at('2031-05-07T18:05:00Z');
  assert.equal(msgs().length, 2);
  await at('2031-05-08T18:05:00Z');
  assert.equal(msgs().length, 3);
  // Jan chose no reminder: nothing for him.
  assert.equal(tsql(`SELECT count(*) FROM outbox WHERE about = ${q('checkin:' + jan)}`), '0');
});
