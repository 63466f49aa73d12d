// Appointment reminders, end to end: the reminder job queues each due
// reminder once (with its mark, in one write) and the outbox sends it to a
// real mail server on loopback (aiosmtpd). Timing with the test clock, in
// the person's own time zone and language; the minimal words by default;
// a cancelled appointment gets none; a moved one gets its reminder for the
// new time; "no reminders" means none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, client } from '../lib/rosc.mjs';
import { startSmtpSink } from '../lib/smtp.mjs';

const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
const setNow = (iso) => writeFileSync(clockFile, iso + '\n');

let srv, sink, mette;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const signIn = (name) => client(srv).signIn(name);
const api = (c, path, body) => c.request('POST', path, {
  body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});
const toMette = () => sink.messages().filter((m) => m.rcpt_tos.includes('mette@example.org'));

before(async () => {
  setNow('2031-05-05T08:00:00Z');
  sink = await startSmtpSink();
  srv = await startRosc({ env: {
    ROSC_TEST_NOW: `file:${clockFile}`,
    ROSC_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    ROSC_SMTP_STARTTLS: 'off',
    ROSC_MAIL_FROM: 'rosc <rosc@example.org>',
  } });
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  sql(`UPDATE person SET email = 'mette@example.org', lang = 'da', time_zone = 'Europe/Copenhagen' WHERE id = ${q(mette)}`);
});
after(async () => {
  await srv.stop();
  await sink.stop();
  rmSync(clockDir, { recursive: true, force: true });
});

/** Waits (the job looks each test-clock minute, the sender each second). */
async function until(ok, what, ms = 20000) {
  for (let t = 0; t < ms; t += 100) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-3000)}`);
}
/** Moves the clock and lets the job run at least once more. */
async function at(iso) {
  const runs = () => Number(sql("SELECT count(*) FROM job WHERE kind = 'reminders' AND state = 'done'"));
  const before = runs();
  setNow(iso);
  await until(() => runs() > before, `the reminder job after ${iso}`);
  await sleep(1500);     // the sender's next look
}

test('the day before at 18:00 (her default), once, with only the minimal words, in her language', async () => {
  const peter = await signIn('peter');
  const res = await api(peter, `/api/v1/persons/${mette}/appointments`, {
    title: 'Tandlæge Jensen', date: '2031-05-06', time: '10:00', place: 'Valby Langgade 1',
  });
  assert.equal(res.status, 201);
  const id = (await res.json()).appointments[0].id;
  const had = toMette().length;
  // 17:59 in Copenhagen (15:59 UTC): not yet.
  await at('2031-05-05T15:59:00Z');
  assert.equal(toMette().length, had);
  // 18:00:30: it comes.
  setNow('2031-05-05T16:00:30Z');
  await until(() => toMette().length === had + 1, 'the reminder');
  const m = toMette().at(-1);
  assert.equal(m.subject, 'Påmindelse om en aftale');
  assert.match(m.text, /^Du har en aftale i morgen kl\. 10[.:]00\. Åbn rosc for detaljer\.\s*$/);
  for (const secret of ['Tandlæge', 'Jensen', 'Valby']) assert.ok(!m.raw.toString().includes(secret), secret);
  assert.equal(sql(`SELECT count(*) FROM appointment_reminder WHERE appointment_id = ${q(id)}`), '1');
  // A minute later, and another: still once.
  await at('2031-05-05T16:02:00Z');
  await at('2031-05-05T16:03:00Z');
  assert.equal(toMette().length, had + 1);
  assert.equal(sql(`SELECT count(*) FROM outbox WHERE about = ${q('appointment:' + id)}`), '1');
});

test('her own choice: two hours before with what and where; cancelled gets none; moved gets one for the new time; none means none', async () => {
  setNow('2031-05-06T06:00:00Z');
  const metteC = await signIn('mette'), peter = await signIn('peter');
  let page = await (await metteC.get('/me/reminders')).text();
  assert.match(page, /mette@example\.org/);
  let res = await metteC.post('/me/reminders', { channel: 'email', day_before: '', hours_before: '2', detail: 'full' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT channel || '|' || coalesce(day_before, '-') || '|' || hours_before || '|' || detail FROM reminder_pref WHERE person_id = ${q(mette)}`),
    'email|-|2|full');
  // A bad choice is refused, the rest kept, nothing saved.
  res = await metteC.post('/me/reminders', { channel: 'pigeon', day_before: '07:13', hours_before: '2', detail: 'full' });
  assert.equal(res.status, 422);
  assert.equal(sql(`SELECT hours_before FROM reminder_pref WHERE person_id = ${q(mette)}`), '2');
  // (Her 10:00 appointment from the test before gets its 08:00 reminder now too.)
  const ours = () => toMette().filter((m) => !m.text.includes('Tandlæge'));
  const make = async (title, time) => {
    const r = await api(peter, `/api/v1/persons/${mette}/appointments`, { title, date: '2031-05-06', time, place: 'Nørrebrogade 12' });
    assert.equal(r.status, 201);
    return (await r.json()).appointments[0];
  };
  const kept = await make('Samtale med Peter', '14:00');
  const cancelled = await make('Aflyst samtale', '14:30');
  const moved = await make('Flyttet samtale', '15:00');
  res = await api(peter, `/api/v1/appointments/${cancelled.id}/status`, { status: 'cancelled', reason: 'Peter er syg', version: cancelled.version });
  assert.equal(res.status, 200);
  // Peter moves the 15:00 to 17:00 on its page.
  const html = await (await peter.get(`/persons/${mette}/appointments/${moved.id}/edit`)).text();
  const version = /name="version" value="(\d+)"/.exec(html)[1];
  res = await peter.post(`/persons/${mette}/appointments/${moved.id}/edit`, {
    version, title: 'Flyttet samtale', kind: 'other', date: '2031-05-06', time: '17:00', minutes: '60', place: 'Nørrebrogade 12',
  });
  assert.equal(res.status, 303);
  const had = ours().length;
  // 12:00 local: two hours before 14:00 (and before the cancelled 14:30 at 12:30).
  await at('2031-05-06T10:00:30Z');
  await at('2031-05-06T10:31:00Z');
  await until(() => ours().length >= had + 1, 'the 14:00 reminder');
  const texts = ours().slice(had).map((m) => m.text);
  assert.equal(texts.length, 1, texts.join('\n'));
  assert.match(texts[0], /i dag kl\. 14[.:]00: Samtale med Peter, Nørrebrogade 12\./);
  // 13:00 local was the moved one's old time for a reminder: nothing; 15:00 local is its new one.
  await at('2031-05-06T11:01:00Z');
  assert.equal(ours().length, had + 1);
  await at('2031-05-06T13:00:30Z');
  await until(() => ours().length === had + 2, 'the moved appointment\'s reminder');
  assert.match(ours().at(-1).text, /i dag kl\. 17[.:]00: Flyttet samtale/);
  assert.equal(sql(`SELECT count(*) FROM outbox WHERE about = ${q('appointment:' + cancelled.id)}`), '0');
  // No reminders: none.
  setNow('2031-05-06T13:05:00Z');
  const metteD = await signIn('mette');
  res = await metteD.post('/me/reminders', { channel: 'none', day_before: '18:00', hours_before: '', detail: 'minimal' });
  assert.equal(res.status, 303);
  const p2 = await signIn('peter');
  const late = await api(p2, `/api/v1/persons/${mette}/appointments`, { title: 'Sen samtale', date: '2031-05-07', time: '10:00' });
  assert.equal(late.status, 201);
  await at('2031-05-06T16:01:00Z');
  assert.equal(ours().length, had + 2);
});
