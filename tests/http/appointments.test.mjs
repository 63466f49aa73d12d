// Appointments (src/web/appointments.c, src/api/appointments.c) on the demo
// world. Mette Larsen (Copenhagen; her home organisation Nordlys, Peter by
// duty; Karin at Østerbro by consent) and Jan Visser (Amsterdam; Daan by
// duty). Times are typed in the viewer's zone and kept in UTC with the zone
// they were made in; the clocks' changes are tested on real dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, jan, mette;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  assert.match(jan, /^[0-9a-f]{32}$/);
});
after(async () => { await srv.stop(); });

const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const page = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.text();
};
const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];
const ids = (pid) => sql(`SELECT id FROM appointment WHERE person_id=${q(pid)}`).split('\n').filter(Boolean);
const count = (pid) => Number(sql(`SELECT count(*) FROM appointment WHERE person_id=${q(pid)}`));
const api = (c, path, body) => c.request('POST', path, {
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});
const logged = (pid, user, what) => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u
  ON u.id = l.actor_id WHERE l.person_id = ${q(pid)} AND u.username = ${q(user)} AND l.what = ${q(what)}`));

/** Makes an appointment on the page as c; the new ids. */
async function make(c, pid, form, status = 303) {
  await page(c, `/persons/${pid}/appointments/new`);
  const had = new Set(ids(pid));
  const res = await c.post(`/persons/${pid}/appointments/new`, form);
  const body = await res.text();
  assert.equal(res.status, status, body.slice(0, 300));
  return { made: ids(pid).filter((id) => !had.has(id)), body };
}

test('the team makes an appointment; the person sees it first on their home page and says "I will come" in one tap', async () => {
  const peter = await signIn('peter'), metteC = await signIn('mette');
  const before = logged(mette, 'peter', 'appointments');
  const { made } = await make(peter, mette, { title: 'Samtale om søvn', kind: 'treatment', date: '2030-05-06',
    time: '10:00', minutes: '45', place: 'Nørrebrogade 12', bring: 'Søvndagbog' });
  assert.equal(made.length, 1);
  const aid = made[0];
  assert.equal(sql(`SELECT status || '|' || minutes || '|' || time_zone || '|' || starts_us FROM appointment WHERE id=${q(aid)}`),
    `planned|45|Europe/Copenhagen|${Date.UTC(2030, 4, 6, 8, 0) * 1000}`);
  assert.ok(logged(mette, 'peter', 'appointments') > before, 'the team\'s write and read are in her log');
  // Her home page: the next appointments come before her own pages.
  const home = await page(metteC, '/me');
  assert.ok(home.indexOf('Next appointment:') > 0 && home.indexOf('Next appointment:') < home.indexOf('own-links'));
  // The demo's next one is tomorrow; ours is further away: open her list instead.
  const list = await page(metteC, `/persons/${mette}/appointments`);
  assert.match(list, /Samtale om søvn/);
  assert.match(list, /6 May 2030 at 10:00/);
  const detail = await page(metteC, `/persons/${mette}/appointments/${aid}`);
  assert.match(detail, /Søvndagbog/);
  let res = await metteC.post(`/persons/${mette}/appointments/${aid}/status`, { status: 'confirmed', version: versionOf(detail) });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status FROM appointment WHERE id=${q(aid)}`), 'confirmed');
  // The same version again is stale: nothing changes, and she is told.
  res = await metteC.post(`/persons/${mette}/appointments/${aid}/status`, { status: 'cancelled', reason: 'Syg', version: versionOf(detail) });
  assert.equal(res.status, 409);
  assert.equal(sql(`SELECT status FROM appointment WHERE id=${q(aid)}`), 'confirmed');
  // She asks to move it, then cancels it with a reason; every change is in its history.
  let html = await page(metteC, `/persons/${mette}/appointments/${aid}`);
  res = await metteC.post(`/persons/${mette}/appointments/${aid}/status`, { status: 'move', note: 'Hellere om eftermiddagen', version: versionOf(html) });
  assert.equal(res.status, 303);
  html = await page(peter, `/persons/${mette}/appointments/${aid}`);
  assert.match(html, /The person asked to move this appointment\. Hellere om eftermiddagen/);
  html = await page(metteC, `/persons/${mette}/appointments/${aid}`);
  res = await metteC.post(`/persons/${mette}/appointments/${aid}/status`, { status: 'cancelled', reason: '', version: versionOf(html) });
  assert.equal(res.status, 422, 'cancelling needs a reason');
  assert.match(await res.text(), /Why \(needed to cancel\)/);
  res = await metteC.post(`/persons/${mette}/appointments/${aid}/status`, { status: 'cancelled', reason: 'Jeg er syg', version: versionOf(html) });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT what || ':' || coalesce(detail, '') FROM appointment_event WHERE appointment_id=${q(aid)} ORDER BY seq`).split('\n').join(','),
    'created:,confirmed:,move_asked:Hellere om eftermiddagen,cancelled:Jeg er syg');
  assert.equal(sql(`SELECT cancel_reason FROM appointment WHERE id=${q(aid)}`), 'Jeg er syg');
  // Planning it again is the team's move, not hers: she is offered none, and refused.
  html = await page(metteC, `/persons/${mette}/appointments/${aid}`);
  assert.doesNotMatch(html, /name="version"/);
  const v = sql(`SELECT version FROM appointment WHERE id=${q(aid)}`);
  res = await metteC.post(`/persons/${mette}/appointments/${aid}/status`, { status: 'planned', version: v });
  assert.equal(res.status, 422);
  html = await page(peter, `/persons/${mette}/appointments/${aid}`);
  res = await peter.post(`/persons/${mette}/appointments/${aid}/status`, { status: 'planned', version: versionOf(html) });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status FROM appointment WHERE id=${q(aid)}`), 'planned');
});

test('time zones: a time the clocks skip is refused with the input kept; a weekly series keeps its local hour across the autumn change; each viewer sees their own zone', async () => {
  const daan = await signIn('daan'), janC = await signIn('jan');
  // 2027-03-28: clocks go from 02:00 to 03:00 in Amsterdam and Copenhagen.
  let { made, body } = await make(daan, jan, { title: 'Vroeg gesprek', date: '2027-03-28', time: '02:30' }, 422);
  assert.equal(made.length, 0);
  assert.match(body, /The clocks skip this time on that day/);
  assert.match(body, /value="02:30"/);
  assert.match(body, /value="Vroeg gesprek"/);
  ({ made } = await make(daan, jan, { title: 'Vroeg gesprek', date: '2027-03-28', time: '03:30' }));
  assert.equal(sql(`SELECT starts_us FROM appointment WHERE id=${q(made[0])}`), String(Date.UTC(2027, 2, 28, 1, 30) * 1000));
  // 2027-10-31: clocks go back. Weekly at 10:00 from 17 October, four times.
  let res = await api(daan, `/api/v1/persons/${jan}/appointments`, { title: 'Groep', date: '2027-10-17', time: '10:00', weeks: 4 });
  assert.equal(res.status, 201);
  const doc = await res.json();
  assert.deepEqual(doc.appointments.map((a) => a.start.slice(0, 16)),
    ['2027-10-17T08:00', '2027-10-24T08:00', '2027-10-31T09:00', '2027-11-07T09:00']);
  assert.deepEqual(doc.appointments.map((a) => a.local_start), ['2027-10-17T10:00', '2027-10-24T10:00', '2027-10-31T10:00', '2027-11-07T10:00']);
  assert.equal(new Set(doc.appointments.map((a) => a.series_id)).size, 1);
  const after = doc.appointments[2].id;
  // Amsterdam (Jan, Daan) and Copenhagen (Peter, for Mette) share their clocks: 10:00 for all.
  assert.match(await page(janC, `/persons/${jan}/appointments/${after}`), /31 October 2027 at 10:00/);
  assert.match(await page(daan, `/persons/${jan}/appointments/${after}`), /31 October 2027 at 10:00/);
  // A viewer in London sees 09:00, and the appointment's own 10:00 in Amsterdam.
  sql(`UPDATE person SET time_zone = 'Europe/London' WHERE id = ${q(jan)}`);
  try {
    assert.match(await page(janC, `/persons/${jan}/appointments/${after}`), /31 October 2027 at 09:00 \(10:00 in Amsterdam\)/);
  } finally {
    sql(`UPDATE person SET time_zone = 'Europe/Amsterdam' WHERE id = ${q(jan)}`);
  }
  // The same skipped time through the API: a clear field error, nothing written.
  const n = count(jan);
  res = await api(daan, `/api/v1/persons/${jan}/appointments`, { title: 'X', date: '2027-03-28', time: '02:30', time_zone: 'Europe/Copenhagen' });
  assert.equal(res.status, 422);
  assert.deepEqual((await res.json()).errors, [{ field: 'time', code: 'skipped_time' }]);
  // A series whose later week falls in the gap is refused whole.
  res = await api(daan, `/api/v1/persons/${jan}/appointments`, { title: 'X', date: '2027-03-21', time: '02:30', weeks: 2 });
  assert.equal(res.status, 422);
  assert.equal(count(jan), n);
});

test('bad input is refused at the field with the input kept, and nothing written', async () => {
  const daan = await signIn('daan');
  const metteMember = sql(`SELECT id FROM network_member WHERE person_id=${q(mette)} LIMIT 1`);
  const metteGoal = sql(`SELECT id FROM goal WHERE person_id=${q(mette)} LIMIT 1`);
  const n = count(jan);
  const ok = { title: 'Gesprek', date: '2030-01-10', time: '14:00' };
  for (const [form, field, words] of [
    [{ ...ok, title: '' }, 'title', /Please fill this in/],
    [{ ...ok, title: 'x'.repeat(201) }, 'title', /too long/],
    [{ ...ok, date: '2030-02-31' }, 'date', /real date/],
    [{ ...ok, time: '25:00' }, 'time', /HH:MM/],
    [{ ...ok, minutes: 'lang' }, 'minutes', /whole number/],
    [{ ...ok, video_url: 'http://meet.example/x' }, 'video_url', /https:\/\//],
    [{ ...ok, with_member: metteMember }, 'with_member', /choose one of the options/],
    [{ ...ok, goal: metteGoal }, 'goal', /choose one of the options/],
    [{ ...ok, kind: 'dentist' }, 'kind', /choose one of the options/],
    [{ ...ok, weeks: '13' }, 'weeks', /whole number/],
  ]) {
    const { body } = await make(daan, jan, form, 422);
    assert.match(body, new RegExp(`id="e-${field}"`), `${field}: the message is at the field`);
    assert.match(body, words, field);
    if (field !== 'time') assert.match(body, /value="14:00"/, `${field}: the input is kept`);
    assert.ok(!body.includes(metteMember) && !body.includes(metteGoal), 'nothing of Mette');
  }
  // Invalid UTF-8 in a text field.
  const raw = await daan.request('POST', `/persons/${jan}/appointments/new`, {
    body: `csrf=${encodeURIComponent(daan.csrf)}&title=%FF%FE&date=2030-01-10&time=14:00`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(raw.status, 422);
  assert.equal(count(jan), n);
  // The API: wrong types and bad UTF-8.
  for (const [body, field, code] of [
    [{ ...ok, title: ['a'] }, 'title', 'invalid_format'],
    [{ ...ok, minutes: 3 }, 'minutes', 'out_of_range'],
    [{ ...ok, time_zone: 'Mars/Olympus' }, 'time_zone', 'unknown_zone'],
    [{ ...ok, goal_id: metteGoal }, 'goal_id', 'invalid_choice'],
    [{ ...ok, with_member_id: metteMember }, 'with_member_id', 'invalid_choice'],
  ]) {
    const res = await api(daan, `/api/v1/persons/${jan}/appointments`, body);
    assert.equal(res.status, 422, JSON.stringify(body));
    const doc = await res.json();
    assert.deepEqual(doc.errors[0], { field, code });
  }
  let res = await daan.request('POST', `/api/v1/persons/${jan}/appointments`, {
    body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': daan.csrf },
  });
  assert.equal(res.status, 400);
  assert.equal(count(jan), n);
});

test('someone else\'s appointment answers exactly like a missing one, on pages and in the API', async () => {
  const daan = await signIn('daan'), lars = await signIn('lars');
  const metteAppt = sql(`SELECT id FROM appointment WHERE person_id=${q(mette)} LIMIT 1`);
  const janAppt = sql(`SELECT id FROM appointment WHERE person_id=${q(jan)} LIMIT 1`);
  // Mette's appointment under Jan's address, or an unknown id: 404 alike.
  const a = await daan.get(`/persons/${jan}/appointments/${metteAppt}`);
  const b = await daan.get(`/persons/${jan}/appointments/${UNKNOWN}`);
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  const strip = (s) => s.replace(/name="next" value="[^"]*"/g, '');
  assert.equal(strip(await a.text()), strip(await b.text()));
  // Through the API with its own id: Daan is not in Mette's network.
  const html = await page(daan, `/persons/${jan}/appointments/${janAppt}`);
  const c = await api(daan, `/api/v1/appointments/${metteAppt}/status`, { status: 'cancelled', reason: 'x', version: 1 });
  const d = await api(daan, `/api/v1/appointments/${UNKNOWN}/status`, { status: 'cancelled', reason: 'x', version: 1 });
  assert.equal(c.status, 404);
  assert.equal(d.status, 404);
  assert.deepEqual(await c.json(), await d.json());
  // Lars never met Jan: his appointments answer as for nobody.
  const e = await lars.get(`/persons/${jan}/appointments`);
  const f = await lars.get(`/persons/${UNKNOWN}/appointments`);
  assert.equal(e.status, 404);
  assert.equal(f.status, 404);
  assert.ok(versionOf(html));
});

test('the consent category "appointments": pages, API and data download follow it on the very next request', async () => {
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro'), birgit = await signIn('birgit');
  const metteC = await signIn('mette');
  // Karin has the demo's consent: she reads, and it is logged.
  const before = logged(mette, 'karin', 'appointments');
  assert.match(await page(karin, `/persons/${mette}/appointments`), /Blodprøver hos lægen/);
  assert.equal(logged(mette, 'karin', 'appointments'), before + 1);
  let res = await karin.get(`/api/v1/persons/${mette}/appointments`);
  assert.equal(res.status, 200);
  assert.ok((await res.json()).appointments.length > 0);
  // Birgit, family, has no consent for appointments: told so, nothing shown, nothing logged.
  res = await birgit.get(`/persons/${mette}/appointments`);
  assert.equal(res.status, 403);
  assert.doesNotMatch(await res.text(), /Blodprøver/);
  assert.equal(logged(mette, 'birgit', 'appointments'), 0);
  // Mette withdraws Karin's organisation's consent: refused at once.
  sql(`UPDATE consent SET granted = 0 WHERE person_id=${q(mette)} AND category='appointments'
    AND recipient_org_id=(SELECT id FROM organisation WHERE name='Socialforvaltningen Østerbro')`);
  res = await karin.get(`/persons/${mette}/appointments`);
  assert.equal(res.status, 403);
  res = await karin.get(`/api/v1/persons/${mette}/appointments`);
  assert.equal(res.status, 403);
  assert.doesNotMatch(await res.text(), /Blodprøver/);
  // Her own download holds her appointments and their history.
  const data = await (await metteC.get('/api/v1/me/data')).json();
  assert.ok(data.appointments.some((x) => x.title === 'Blodprøver hos lægen'));
  assert.ok(data.appointments.every((x) => Array.isArray(x.history)));
  sql(`UPDATE consent SET granted = 1 WHERE person_id=${q(mette)} AND category='appointments'
    AND recipient_org_id=(SELECT id FROM organisation WHERE name='Socialforvaltningen Østerbro')`);
});

test('a missed appointment flags the coordinator\'s caseload and offers the person a new one (test clock)', async () => {
  const clock = join(srv.dir, 'now');
  writeFileSync(clock, '2031-03-03T09:00:00Z\n');
  const other = await startRosc({ db: srv.db, env: { ROSC_TEST_NOW: `file:${clock}` } });
  try {
    const c = (name, org) => client(other).signIn(name, undefined, org ? { orgName: org } : {});
    const karin = await c('karin', 'Socialforvaltningen Østerbro');
    const had = new Set(ids(mette));
    let res = await api(karin, `/api/v1/persons/${mette}/appointments`, { title: 'Opfølgning', date: '2031-03-04', time: '10:00' });
    assert.equal(res.status, 201);
    const x = (await res.json()).appointments[0];
    assert.ok(!had.has(x.id));
    // Before it begins it cannot be missed.
    res = await api(karin, `/api/v1/appointments/${x.id}/status`, { status: 'missed', version: x.version });
    assert.equal(res.status, 422);
    assert.deepEqual((await res.json()).errors, [{ field: 'status', code: 'illegal_transition' }]);
    writeFileSync(clock, '2031-03-04T10:30:00Z\n');
    const karin2 = await c('karin', 'Socialforvaltningen Østerbro'), mette2 = await c('mette');
    // After it began the person can no longer cancel it; the team says how it went.
    res = await api(mette2, `/api/v1/appointments/${x.id}/status`, { status: 'cancelled', reason: 'x', version: x.version });
    assert.equal(res.status, 422);
    res = await api(karin2, `/api/v1/appointments/${x.id}/status`, { status: 'missed', version: x.version });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).fhir_status, 'noshow');
    let html = await (await karin2.get('/persons')).text();
    assert.match(html, new RegExp(`href="/persons/${mette}">[^<]*</a>[^]*?missed an appointment`));
    html = await (await mette2.get(`/persons/${mette}/appointments/${x.id}`)).text();
    assert.match(html, /You missed this appointment\. That happens\./);
    // A new appointment made after it clears the flag.
    writeFileSync(clock, '2031-03-04T11:00:00Z\n');
    res = await api(karin2, `/api/v1/persons/${mette}/appointments`, { title: 'Ny tid', date: '2031-03-06', time: '10:00' });
    assert.equal(res.status, 201);
    html = await (await karin2.get('/persons')).text();
    assert.doesNotMatch(html, /missed an appointment/);
  } finally {
    await other.stop();
  }
});

test('a scheduled referral gets its appointment: made from the referral, linked both ways; the receiver without the consent sees no appointments', async () => {
  const peter = await signIn('peter'), henrik = await signIn('henrik');
  const rid = sql(`SELECT id FROM referral WHERE person_id=${q(mette)} AND status='scheduled' LIMIT 1`);
  assert.match(rid, /^[0-9a-f]{32}$/);
  let html = await page(peter, `/persons/${mette}/referrals/${rid}`);
  assert.match(html, /No appointment is made for this referral yet\./);
  assert.match(html, new RegExp(`href="/persons/${mette}/appointments/new\\?referral=${rid}"`));
  const form = await page(peter, `/persons/${mette}/appointments/new?referral=${rid}`);
  assert.match(form, /value="Appointment at [^"]+"/);
  assert.match(form, new RegExp(`name="referral" value="${rid}"`));
  const { made } = await make(peter, mette, { title: 'Fremvisning', date: '2030-02-07', time: '10:00', referral: rid });
  assert.equal(made.length, 1);
  assert.equal(sql(`SELECT referral_id || '|' || with_service_id FROM appointment WHERE id=${q(made[0])}`),
    `${rid}|${sql(`SELECT service_id FROM referral WHERE id=${q(rid)}`)}`);
  html = await page(peter, `/persons/${mette}/referrals/${rid}`);
  assert.match(html, new RegExp(`href="/persons/${mette}/appointments/${made[0]}"`));
  assert.match(await page(peter, `/persons/${mette}/appointments/${made[0]}`), new RegExp(`href="/persons/${mette}/referrals/${rid}"`));
  // Henrik's organisation receives the referral but has no consent to appointments.
  const before = logged(mette, 'henrik', 'appointments');
  html = await page(henrik, `/persons/${mette}/referrals/${rid}`);
  assert.doesNotMatch(html, /id="s-appt"|No appointment is made|appointments\/new/);
  assert.equal(logged(mette, 'henrik', 'appointments'), before);
  // Someone else's referral id is no referral at all: refused at the field, nothing written.
  const janRef = sql(`SELECT id FROM referral WHERE person_id=${q(jan)} LIMIT 1`);
  const n = count(mette);
  const bad = await make(peter, mette, { title: 'X', date: '2030-02-07', time: '10:00', referral: janRef }, 422);
  assert.ok(!bad.body.includes(janRef));
  assert.match(bad.body, /cannot be linked to that referral/);
  assert.equal(count(mette), n);
});
