// Someone to come along to an appointment (src/web/accompaniment.c,
// src/web/accompany_ask.c, src/api/accompaniment.c) on the demo world.
// Else Mortensen is a volunteer at Frivilligcenter Følgeskab. Mette Larsen
// (Copenhagen) has asked for company three times: an open request for
// tomorrow's talk at Nordlys (nothing shared but the area), Else going
// along to the blood tests in five days (the address shared), and a past
// one Else reported on. A volunteer sees what the job needs and, once she
// says yes, what Mette chose to share; nothing else, anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client, roscCli } from '../lib/rosc.mjs';

let srv, mette, jan, open, accepted, reported;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';

const requestOf = (title, day) => sql(`SELECT c.id FROM accompaniment c JOIN appointment a
  ON a.id = c.appointment_id WHERE a.title = ${q(title)} AND c.person_id = ${q(mette)}
  ORDER BY a.starts_us ${day < 0 ? 'ASC' : 'DESC'} LIMIT 1`);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  open = sql(`SELECT id FROM accompaniment WHERE status = 'open' AND person_id = '${mette}'`);
  accepted = sql(`SELECT id FROM accompaniment WHERE status = 'accepted' AND person_id = '${mette}'`);
  reported = sql(`SELECT id FROM accompaniment WHERE status = 'reported' AND person_id = '${mette}'`);
  assert.match(open, /^[0-9a-f]{32}$/);
  assert.match(accepted, /^[0-9a-f]{32}$/);
});
after(async () => { await srv.stop(); });

const signIn = (name) => client(srv).signIn(name);
const page = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.text();
};
const versionOf = (html, id) => new RegExp(`action="/accompaniment/${id}/(?:accept|report)"[^]*?name="version" value="(\\d+)"`).exec(html)[1];
const logged = (pid, user, action) => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u
  ON u.id = l.actor_id WHERE l.person_id = ${q(pid)} AND u.username = ${q(user)}
  AND l.what = 'accompaniment' AND l.action = ${q(action)}`));
const apptOf = (cid) => sql(`SELECT appointment_id FROM accompaniment WHERE id = ${q(cid)}`);

// What a volunteer must never see of Mette before she says yes: her last
// name, the places and their names, the titles, the plan.
const HIDDEN = ['Larsen', 'Nørrebrogade', 'Roskildevej', 'Nordlys', 'Samtale med Peter', 'Blodprøver',
  'cykelstativerne', 'Lægehuset'];

test('a volunteer sees open requests with only what the job needs, and her own with what was shared', async () => {
  const els = await signIn('else');
  const before = logged(mette, 'else', 'list');
  const html = await page(els, '/accompaniment');
  assert.match(html, /I am going along/);
  assert.match(html, /Open requests/);
  const openCard = html.slice(html.indexOf('class="cards jobs open"'));
  assert.match(openCard, /Mette, Treatment or counselling/);
  assert.match(openCard, /Area: Nørrebro/);
  assert.match(openCard, /Language: Danish/);
  for (const word of HIDDEN) assert.ok(!html.includes(word), `the list does not say ${word}`);
  assert.ok(logged(mette, 'else', 'list') > before || before > 0, 'the list is in Mette\'s log');
  // The open one's page: the same, and a button, but no meeting point.
  const detail = await page(els, `/accompaniment/${open}`);
  for (const word of HIDDEN) assert.ok(!detail.includes(word), `the open request does not say ${word}`);
  assert.match(detail, /I will go along/);
  // Her own: the meeting point and the address Mette shared; still no title or last name.
  const mine = await page(els, `/accompaniment/${accepted}`);
  assert.match(mine, /Ved Valby Station, hovedindgangen/);
  assert.match(mine, /Roskildevej 200/);
  assert.ok(!mine.includes('Larsen') && !mine.includes('Blodprøver'), 'no last name, no title');
  assert.ok(logged(mette, 'else', 'read') > 0);
  // The log says, in Mette's words, what was shown.
  const metteC = await signIn('mette');
  const log = await page(metteC, '/me/log');
  assert.match(log, /As a volunteer, saw your request for someone to come along/);
});

test('she says yes; Mette sees who will come, by first name; a second yes on the same version changes nothing', async () => {
  const els = await signIn('else');
  const html = await page(els, `/accompaniment/${open}`);
  const version = versionOf(html, open);
  let res = await els.post(`/accompaniment/${open}/accept`, { version });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/accompaniment/${open}?accepted=1`);
  assert.equal(sql(`SELECT status FROM accompaniment WHERE id = ${q(open)}`), 'accepted');
  const now = await page(els, `/accompaniment/${open}?accepted=1`);
  assert.match(now, /cykelstativerne/, 'the meeting point, now');
  assert.ok(!now.includes('Nørrebrogade'), 'the address was not shared');
  assert.ok(logged(mette, 'else', 'write') > 0);
  // The same form again: stale, nothing changes.
  res = await els.post(`/accompaniment/${open}/accept`, { version });
  assert.equal(res.status, 409);
  assert.equal(sql(`SELECT version FROM accompaniment WHERE id = ${q(open)}`), String(Number(version) + 1));
  // Mette's appointment page.
  const metteC = await signIn('mette');
  const appt = await page(metteC, `/persons/${mette}/appointments/${apptOf(open)}`);
  assert.match(appt, /Else from Frivilligcenter Følgeskab will come with you\./);
  assert.ok(!appt.includes('Mortensen'), 'the volunteer by first name');
  // And on her list of appointments, on the card.
  assert.match(await page(metteC, `/persons/${mette}/appointments`), /<p class="companion">Else will come along\.<\/p>/);
  // The team sees it too (Peter, by duty).
  const peter = await signIn('peter');
  assert.match(await page(peter, `/persons/${mette}/appointments/${apptOf(open)}`), /Else from Frivilligcenter Følgeskab will come along\./);
});

test('she can let go before it begins (open again), and report only what can have happened yet', async () => {
  const els = await signIn('else');
  let html = await page(els, `/accompaniment/${open}`);
  let res = await els.post(`/accompaniment/${open}/release`, { version: /name="version" value="(\d+)"/.exec(html)[1] });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status || '|' || coalesce(volunteer_id, '-') FROM accompaniment WHERE id = ${q(open)}`), 'open|-');
  // The accepted one is five days away: "we went together" cannot be true yet.
  html = await page(els, `/accompaniment/${accepted}`);
  const version = versionOf(html, accepted);
  const writes = logged(mette, 'else', 'write');
  res = await els.post(`/accompaniment/${accepted}/report`, { version, outcome: 'went_together' });
  assert.equal(res.status, 422);
  assert.equal(sql(`SELECT status FROM accompaniment WHERE id = ${q(accepted)}`), 'accepted');
  // "Something else" needs a few words; what she typed stays.
  res = await els.post(`/accompaniment/${accepted}/report`, { version, outcome: 'other', note: '' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /id="o-other" value="other" checked/);
  assert.match(html, /id="e-note"/);
  res = await els.post(`/accompaniment/${accepted}/report`, { version, outcome: 'nonsense' });
  assert.equal(res.status, 422);
  res = await els.post(`/accompaniment/${accepted}/report`, { version, outcome: 'other', note: 'x'.repeat(1001) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /x{1001}/, 'the long note is kept to fix');
  assert.equal(sql(`SELECT status FROM accompaniment WHERE id = ${q(accepted)}`), 'accepted');
  assert.equal(logged(mette, 'else', 'write'), writes, 'a refused report writes nothing to her log but reads');
  // "The appointment was cancelled" can be said before it begins; Mette sees how it went.
  res = await els.post(`/accompaniment/${accepted}/report`, { version, outcome: 'cancelled', note: 'Lægen aflyste' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status || '|' || outcome FROM accompaniment WHERE id = ${q(accepted)}`), 'reported|cancelled');
  const metteC = await signIn('mette');
  const appt = await page(metteC, `/persons/${mette}/appointments/${apptOf(accepted)}`);
  assert.match(appt, /Else from Frivilligcenter Følgeskab was to come along\./);
  assert.match(appt, /How it went: The appointment was cancelled/);
  assert.match(appt, /Lægen aflyste/);
  // Put back, for the tests after this one.
  sql(`UPDATE accompaniment SET status = 'accepted', outcome = NULL, outcome_note = NULL WHERE id = ${q(accepted)}`);
});

test('a volunteer sees nothing outside her organisation\'s requests: every person route, the API and another organisation\'s request', async () => {
  const els = await signIn('else');
  // Another volunteer organisation's request for Jan: as if there were none.
  const otherOrg = UNKNOWN.replace(/^0/, 'f');
  const jansAppt = sql(`SELECT id FROM appointment WHERE person_id = ${q(jan)} ORDER BY starts_us DESC LIMIT 1`);
  sql(`INSERT INTO organisation (id, name, name_key, time_zone, sector, created_us) VALUES (${q(otherOrg)},
    'Frivilligcentret Vest', 'frivilligcentret vest', 'Europe/Copenhagen', 'volunteer_organisation', 1)`);
  const theirs = 'e'.repeat(32);
  sql(`INSERT INTO accompaniment (person_id, id, appointment_id, to_org_id, area, lang, status, asked_us, version)
    VALUES (${q(jan)}, ${q(theirs)}, ${q(jansAppt)}, ${q(otherOrg)}, 'De Pijp', 'nl', 'open', 1, 1)`);
  const unknown = await els.get(`/accompaniment/${UNKNOWN}`);
  const other = await els.get(`/accompaniment/${theirs}`);
  assert.equal(other.status, 404);
  assert.equal(other.status, unknown.status);
  const bare = (html, id) => html.replaceAll(id, 'ID').replace(/name="csrf" value="[^"]+"/g, '');
  assert.equal(bare(await other.text(), theirs), bare(await unknown.text(), UNKNOWN));
  for (const action of ['accept', 'release', 'report']) {
    const res = await els.post(`/accompaniment/${theirs}/${action}`, { version: '1', outcome: 'other', note: 'x' });
    assert.equal(res.status, 404, action);
  }
  assert.equal(sql(`SELECT status FROM accompaniment WHERE id = ${q(theirs)}`), 'open');
  assert.ok(!(await page(els, '/accompaniment')).includes('De Pijp'));
  assert.equal(logged(jan, 'else', 'list') + logged(jan, 'else', 'read'), 0, 'nothing of Jan in his log from her');
  // Every page and API address about a person, with Mette's and Jan's real ids.
  const ids = {
    id: [mette, jan],
    aid: [apptOf(accepted), jansAppt],
  };
  const routes = JSON.parse(roscCli(['routes', '--json']).stdout)
    .filter((r) => r.method === 'GET' && /^\/(api\/v1\/)?persons\/\{id\}/.test(r.path));
  assert.ok(routes.length > 10);
  const failures = [];
  for (const r of routes) {
    for (const who of [0, 1]) {
      const path = r.path.replace('{id}', ids.id[who]).replace('{aid}', ids.aid[who])
        .replace(/\{[a-z]+\}/g, UNKNOWN);
      const res = await els.get(path);
      const body = await res.text();
      if (res.status === 200) failures.push(`${path}: 200`);
      for (const word of ['Roskildevej', 'Nørrebrogade', 'Prinsengracht', 'Blodprøver'])
        if (body.includes(word)) failures.push(`${path}: says ${word}`);
    }
  }
  assert.deepEqual(failures, []);
  // And every form and API write about a person: refused, nothing changed.
  const tables = ['appointment', 'appointment_event', 'note', 'goal', 'step', 'network_member', 'consent',
    'referral', 'accompaniment', 'plan_comment', 'person'];
  const counts = () => tables.map((t) => sql(`SELECT count(*) FROM ${t}`)).join(',');
  const version = () => sql(`SELECT sum(version) FROM appointment`) + '/' + sql(`SELECT sum(version) FROM accompaniment`);
  const had = counts(), hadV = version();
  const writes = JSON.parse(roscCli(['routes', '--json']).stdout)
    .filter((r) => r.method === 'POST' && /^\/(api\/v1\/)?(persons|appointments)\/\{id\}/.test(r.path));
  assert.ok(writes.length > 10);
  let notFound = 0;
  for (const r of writes) {
    for (const who of [0, 1]) {
      const path = r.path.replace('{id}', r.path.includes('/appointments/{id}') ? ids.aid[who] : ids.id[who])
        .replace('{aid}', ids.aid[who]).replace(/\{[a-z]+\}/g, UNKNOWN);
      const res = path.startsWith('/api/')
        ? await els.request('POST', path, { body: JSON.stringify({ title: 'x', date: '2030-01-01', time: '10:00', status: 'cancelled', reason: 'x', version: 1 }),
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': els.csrf } })
        : await els.post(path, { title: 'x', body: 'x', status: 'cancelled', reason: 'x', version: '1', area: 'x', to_org: UNKNOWN });
      if (res.status !== 403 && res.status !== 404) failures.push(`POST ${path}: ${res.status}`);
      if (res.status === 404) notFound++;
    }
  }
  // The forms reached the door (a failed CSRF check would answer 403 to all).
  assert.ok(notFound > writes.length / 2, `${notFound} of ${writes.length * 2} answered as missing`);
  assert.deepEqual(failures, []);
  assert.equal(counts(), had, 'nothing was written');
  assert.equal(version(), hadV, 'nothing was changed');
});

test('the API gives a volunteer the same, with details only for her own; anyone else gets 404', async () => {
  const els = await signIn('else');
  const res = await els.get('/api/v1/accompaniment-requests');
  assert.equal(res.status, 200);
  const { requests } = await res.json();
  const byId = Object.fromEntries(requests.map((x) => [x.id, x]));
  assert.equal(byId[open].first_name, 'Mette');
  assert.equal(byId[open].area, 'Nørrebro');
  assert.equal(byId[open].details, undefined, 'no details before she says yes');
  assert.equal(byId[accepted].details.meet_at, 'Ved Valby Station, hovedindgangen');
  assert.match(byId[accepted].details.place, /Roskildevej/);
  assert.equal(byId[accepted].details.phone, null, 'the phone number was not shared');
  assert.ok(!JSON.stringify(requests).includes('Larsen'));
  const mine = await (await els.get('/api/v1/accompaniment-requests?mine=1')).json();
  assert.ok(mine.requests.every((x) => x.mine));
  assert.equal((await els.get('/api/v1/accompaniment-requests?mine=maybe')).status, 422);
  for (const who of ['peter', 'mette', 'daan']) {
    const c = await signIn(who);
    assert.equal((await c.get('/api/v1/accompaniment-requests')).status, 404, who);
    assert.equal((await c.get('/accompaniment')).status === 404 || who === 'mette', true, who);
  }
});

test('the person asks for someone to come along; bad input is refused at the field and nothing is written', async () => {
  const metteC = await signIn('mette');
  const appt = sql(`SELECT a.id FROM appointment a WHERE a.person_id = ${q(mette)} AND a.status IN ('planned', 'confirmed')
    AND a.starts_us > ${Date.now() * 1000} AND NOT EXISTS (SELECT 1 FROM accompaniment c WHERE c.appointment_id = a.id
    AND c.status IN ('open', 'accepted')) ORDER BY a.starts_us LIMIT 1`);
  const path = `/persons/${mette}/appointments/${appt}/company`;
  const form = await page(metteC, path);
  const org = /<option value="([0-9a-f]{32})"[^>]*>Frivilligcenter Følgeskab/.exec(form)[1];
  assert.match(form, /name="share_place" id="share_place" value="1" aria/, 'the address is not shared unless she ticks it');
  const count = () => Number(sql(`SELECT count(*) FROM accompaniment WHERE appointment_id = ${q(appt)}`));
  const n = count();
  for (const [body, field] of [
    [{ to_org: org, area: '' }, 'area'],
    [{ to_org: org, area: 'x'.repeat(101) }, 'area'],
    [{ to_org: org, area: 'Amager', lang: 'xx' }, 'lang'],
    [{ to_org: UNKNOWN, area: 'Amager' }, 'to_org'],
    [{ to_org: org, area: 'Amager', meet_at: 'y'.repeat(301) }, 'meet_at'],
  ]) {
    const res = await metteC.post(path, body);
    assert.equal(res.status, 422, JSON.stringify(body).slice(0, 80));
    const html = await res.text();
    assert.match(html, new RegExp(`id="e-${field}"`), field);
    if (body.area === 'Amager') assert.match(html, /value="Amager"/, 'the input is kept');
  }
  const raw = await metteC.request('POST', path, {
    body: `csrf=${encodeURIComponent(metteC.csrf)}&to_org=${org}&area=%FF%FE`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(raw.status, 422);
  assert.match(await raw.text(), /id="e-area"/);
  assert.equal(count(), n);
  // Someone else's appointment id under her own: as a missing one.
  const jansAppt = sql(`SELECT id FROM appointment WHERE person_id = ${q(jan)} LIMIT 1`);
  assert.equal((await metteC.get(`/persons/${mette}/appointments/${jansAppt}/company`)).status, 404);
  assert.equal((await metteC.get(`/persons/${jan}/appointments/${jansAppt}/company`)).status, 404);
  // Now properly.
  let res = await metteC.post(path, { to_org: org, area: 'Amager', meet_at: 'Ved metroen', lang: 'da' });
  assert.equal(res.status, 303);
  assert.equal(count(), n + 1);
  assert.equal(sql(`SELECT status || '|' || area || '|' || share_place || '|' || share_phone FROM accompaniment
    WHERE appointment_id = ${q(appt)} AND status = 'open'`), 'open|Amager|0|0');
  // Asking twice leaves one.
  res = await metteC.post(path, { to_org: org, area: 'Amager' });
  assert.ok(res.status === 303 || res.status === 404);
  assert.equal(count(), n + 1);
  // She withdraws it; the volunteer no longer finds it.
  const cid = sql(`SELECT id FROM accompaniment WHERE appointment_id = ${q(appt)} AND status = 'open'`);
  const els = await signIn('else');
  assert.equal((await els.get(`/accompaniment/${cid}`)).status, 200);
  const apptPage = await page(metteC, `/persons/${mette}/appointments/${appt}`);
  const v = new RegExp(`company/${cid}/withdraw"[^]*?name="version" value="(\\d+)"`).exec(apptPage)[1];
  res = await metteC.post(`/persons/${mette}/appointments/${appt}/company/${cid}/withdraw`, { version: v });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT status FROM accompaniment WHERE id = ${q(cid)}`), 'withdrawn');
  assert.equal((await els.get(`/accompaniment/${cid}`)).status, 404);
  // Jan's team cannot withdraw Mette's request: as missing.
  const daan = await signIn('daan');
  res = await daan.post(`/persons/${mette}/appointments/${apptOf(accepted)}/company/${accepted}/withdraw`, { version: '1' });
  assert.equal(res.status, 404);
});

test('a request nobody has answered 48 hours before flags the coordinator\'s caseload', async () => {
  const karin = client(srv);
  await karin.signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  const html = await page(karin, '/persons');
  assert.match(html, /No volunteer yet for an appointment within two days/);
  // Once someone says yes, the flag is gone at the next look (the kept
  // flags end with any write), and back when she lets go.
  const els = await signIn('else');
  const v = versionOf(await page(els, `/accompaniment/${open}`), open);
  assert.equal((await els.post(`/accompaniment/${open}/accept`, { version: v })).status, 303);
  assert.doesNotMatch(await page(karin, '/persons'), /No volunteer yet/);
  const v2 = /name="version" value="(\d+)"/.exec(await page(els, `/accompaniment/${open}`))[1];
  assert.equal((await els.post(`/accompaniment/${open}/release`, { version: v2 })).status, 303);
  assert.match(await page(karin, '/persons'), /No volunteer yet for an appointment within two days/);
  // Peter at Nordlys neither asked nor coordinates: no such flag.
  const peter = await signIn('peter');
  assert.doesNotMatch(await page(peter, '/persons'), /No volunteer yet/);
});

test('a volunteer\'s calendar feed holds the appointments she goes along to, and no more than she may see', async () => {
  const els = await signIn('else');
  let res = await els.post('/me/calendar', { detail: 'full' });
  const url = /(http:\/\/[^<\s"]+\/calendar\/[A-Za-z0-9_-]{43})/.exec(await res.text())[1];
  const text = await (await fetch(url)).text();
  assert.match(text, /BEGIN:VEVENT/);
  assert.match(text.replace(/\r\n[ \t]/g, ''), /SUMMARY:Going along: Mette\\, Health/);
  assert.match(text.replace(/\r\n[ \t]/g, ''), /LOCATION:Ved Valby Station\\, hovedindgangen/);
  for (const word of ['Larsen', 'Blodprøver', 'Nordlys']) assert.ok(!text.includes(word), word);
  res = await els.post('/me/calendar', { detail: 'minimal' });
  const url2 = /(http:\/\/[^<\s"]+\/calendar\/[A-Za-z0-9_-]{43})/.exec(await res.text())[1];
  const text2 = await (await fetch(url2)).text();
  assert.match(text2, /SUMMARY:Going along\r\n/);
  assert.ok(!text2.includes('Mette') && !text2.includes('Valby'));
});

test('the person\'s data download holds her requests, with who came by first name', async () => {
  const metteC = await signIn('mette');
  const doc = await (await metteC.get('/api/v1/me/data')).json();
  const cs = doc.company_to_appointments;
  assert.ok(cs.length >= 3);
  const rep = cs.find((x) => x.id === reported);
  assert.equal(rep.volunteer, 'Else');
  assert.equal(rep.outcome, 'went_together');
});

test('in Dutch: Noor (Vrijwilligerspunt Maatje) sees Jan\'s request, and Jan sees that she comes', async () => {
  sql("UPDATE user_account SET lang = 'nl' WHERE username IN ('noor', 'jan')");
  const noor = await signIn('noor');
  const html = await page(noor, '/accompaniment');
  assert.match(html, /Waar ik mee naartoe ga/);
  assert.match(html, /Jan, Behandeling of begeleiding/);
  assert.ok(!html.includes('Visser') && !html.includes('Mette') && !html.includes('Nørrebro'), 'only her organisation\'s, only the first name');
  const janC = await signIn('jan');
  const appt = sql(`SELECT c.appointment_id FROM accompaniment c JOIN user_account u ON u.id = c.volunteer_id
    WHERE u.username = 'noor'`);
  assert.match(await page(janC, `/persons/${jan}/appointments/${appt}`), /Noor van Vrijwilligerspunt Maatje gaat met je mee\./);
  sql("UPDATE user_account SET lang = 'en' WHERE username IN ('noor', 'jan')");
});
