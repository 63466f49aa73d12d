// Peer groups (src/core/peer_group.c, src/web/groups.c, src/api/groups.c,
// src/store/peer_groups.c) on the demo world. Recovery-fællesskabet Broen
// runs the Tuesday group on Østerbro, facilitated by Jonas; Mette is a
// member. Only the person joins or leaves; Jonas, the facilitator, sees the
// members and marks who came, each read and write in the member's access
// log; staff of another organisation see nothing of the members; a family
// member without Mette's appointments sees no membership; someone else's
// id answers as a missing one. Bad input on the group form is refused with
// the input kept and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, mette, jan, tuesday, dutch, jonasId, daanId;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';
const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const personId = (name) => sql(`SELECT id FROM person WHERE display_name = ${q(name)}`);
const groupId = (name) => sql(`SELECT id FROM peer_group WHERE name = ${q(name)}`);
const logCount = (pid, what, action, user) => Number(sql(`SELECT count(*) FROM access_log l
  JOIN user_account u ON u.id = l.actor_id WHERE l.person_id = ${q(pid)} AND l.what = ${q(what)}
  AND l.action = ${q(action)} AND u.username = ${q(user)}`));
const groups = () => Number(sql('SELECT count(*) FROM peer_group'));

function fieldError(page, field) {
  const m = new RegExp(`<p class="field-error" id="e-${field}">([^<]*)</p>`).exec(page);
  return m ? m[1] : null;
}
function inputValue(page, field) {
  const tag = new RegExp(`<input[^>]*name="${field}"[^>]*>`).exec(page);
  const m = tag && /value="([^"]*)"/.exec(tag[0]);
  return m ? m[1] : null;
}
const goodForm = (extra = {}) => ({
  name: 'Søndagsgåtur', description: 'Vi går en tur sammen.', language: 'da', language2: '',
  weekday: '6', at_time: '10:00', minutes: '60', starts_on: '2026-01-04', ends_on: '',
  place: 'Fælledparken, indgangen ved Trianglen', video_url: '', facilitator: jonasId,
  is_open: '1', ...extra,
});

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = personId('Mette Larsen');
  jan = personId('Jan Visser');
  tuesday = groupId('Tirsdagsgruppen på Østerbro');
  dutch = groupId('Herstelgroep online');
  jonasId = sql("SELECT id FROM user_account WHERE username = 'jonas'");
  daanId = sql("SELECT id FROM user_account WHERE username = 'daan'");
});
after(async () => { await srv.stop(); });

test('the demo: three groups, Mette in the Tuesday group with her attendance, notes without names', () => {
  assert.equal(groups(), 3);
  assert.equal(sql(`SELECT weekday || '|' || at_time || '|' || time_zone || '|' || language FROM peer_group WHERE id = ${q(tuesday)}`),
    '1|18:00|Europe/Copenhagen|da');
  assert.equal(sql(`SELECT count(*) FROM peer_group_member WHERE person_id = ${q(mette)} AND group_id = ${q(tuesday)}`), '1');
  assert.ok(Number(sql(`SELECT count(*) FROM peer_group_attendance WHERE person_id = ${q(mette)}`)) >= 3);
  assert.equal(sql("SELECT count(*) FROM peer_group_note WHERE body LIKE '%Mette%'"), '0');
});

test('a person finds open groups by language, online and day, and sees their own', async () => {
  const m = await signIn('mette');
  let page = await (await m.get('/groups')).text();
  assert.match(page, /My groups/);
  assert.match(page, /Tirsdagsgruppen på Østerbro/);
  page = await (await m.get('/groups?language=nl&online=1&day=')).text();
  assert.match(page, /Herstelgroep online/);
  assert.doesNotMatch(page.split('id="s-open"')[1], /Fællesskab på arabisk og dansk/);
  page = await (await m.get('/groups?language=ar')).text();
  assert.match(page.split('id="s-open"')[1], /Fællesskab på arabisk og dansk/);
  page = await (await m.get('/groups?day=6')).text();
  assert.match(page, /No open group fits/);
  page = await (await m.get(`/groups/${tuesday}`)).text();
  assert.match(page, /You are a member/);
  assert.match(page, /Sessions you came to/);
  assert.doesNotMatch(page, /Who came on/);        // the facilitator's part
  page = await (await m.get('/me')).text();
  assert.match(page, /Tirsdagsgruppen på Østerbro/);
});

test('only the person joins and leaves, from their own page; the join page says what they agree to', async () => {
  const j = await signIn('jan');
  let page = await (await j.get(`/groups/${dutch}`)).text();
  assert.match(page, /When you join, you agree that Daan de Vries, the facilitator at Herstelhuis De Brug, sees your name/);
  assert.doesNotMatch(page, /meet\.example\.org/);        // the link is for members
  let res = await j.post(`/groups/${dutch}/join`);
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM peer_group_member WHERE person_id = ${q(jan)} AND group_id = ${q(dutch)}`), '1');
  page = await (await j.get(res.headers.get('location'))).text();
  assert.match(page, /You have joined the group/);
  assert.match(page, /meet\.example\.org\/debrug-herstelgroep/);
  // Twice is once.
  res = await j.post(`/groups/${dutch}/join`);
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM peer_group_member WHERE person_id = ${q(jan)}`), '1');
  res = await j.post(`/groups/${dutch}/leave`);
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM peer_group_member WHERE person_id = ${q(jan)}`), '0');
  // Without the CSRF token nothing happens.
  res = await j.post(`/groups/${dutch}/join`, {}, { csrf: 'x' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT count(*) FROM peer_group_member WHERE person_id = ${q(jan)}`), '0');

  // Staff cannot add anyone: not on the page, not through the API.
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  page = await (await karin.get(`/groups/${dutch}`)).text();
  assert.match(page, /Only the person can join a group/);
  assert.doesNotMatch(page, /action="\/groups\/[0-9a-f]+\/join"/);
  const daan = await signIn('daan');
  res = await daan.post(`/groups/${dutch}/join`);
  assert.equal(res.status, 403);
  res = await daan.request('POST', `/api/v1/groups/${dutch}/join`, {
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': daan.csrf }, body: '{}' });
  assert.equal(res.status, 403);
  assert.match(res.headers.get('content-type'), /problem\+json/);
  assert.equal((await res.json()).code, 'forbidden');
  const birgit = await signIn('birgit');
  res = await birgit.post(`/groups/${dutch}/join`);
  assert.equal(res.status, 403);
  assert.equal(Number(sql('SELECT count(*) FROM peer_group_member')), 1);

  // The person through the API.
  res = await j.request('POST', `/api/v1/groups/${dutch}/join`, {
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': j.csrf }, body: '{}' });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { group_id: dutch, member: true });
  const one = await (await j.get(`/api/v1/groups/${dutch}`)).json();
  assert.equal(one.member, true);
  assert.equal(one.video_url, 'https://meet.example.org/debrug-herstelgroep');
  res = await j.request('POST', `/api/v1/groups/${dutch}/leave`, {
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': j.csrf }, body: '{}' });
  assert.equal(res.status, 200);
  assert.equal(sql(`SELECT count(*) FROM peer_group_member WHERE person_id = ${q(jan)}`), '0');
});

test('the facilitator sees the members and marks who came, each in the member\'s access log', async () => {
  const before = logCount(mette, 'group', 'read', 'jonas');
  const jonas = await signIn('jonas');
  let page = await (await jonas.get(`/groups/${tuesday}`)).text();
  assert.match(page, /Members/);
  assert.match(page, /Mette Larsen/);
  assert.match(page, /no names and no personal details/);
  assert.equal(logCount(mette, 'group', 'read', 'jonas'), before + 1);
  const session = /<input type="hidden" name="session" value="(\d{4}-\d\d-\d\d)">/.exec(page)[1];
  const was = Number(sql(`SELECT count(*) FROM peer_group_attendance WHERE person_id = ${q(mette)} AND session_on = ${q(session)}`));
  // Unticked: not there.
  let res = await jonas.post(`/groups/${tuesday}/attendance`, { session });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM peer_group_attendance WHERE person_id = ${q(mette)} AND session_on = ${q(session)}`), '0');
  res = await jonas.post(`/groups/${tuesday}/attendance`, { session, [`came-${mette}`]: '1', [`came-${jan}`]: '1' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM peer_group_attendance WHERE person_id = ${q(mette)} AND session_on = ${q(session)}`), '1');
  // Jan is no member: nobody else is marked.
  assert.equal(sql(`SELECT count(*) FROM peer_group_attendance WHERE person_id = ${q(jan)}`), '0');
  assert.ok(was >= 0);
  assert.ok(logCount(mette, 'group', 'write', 'jonas') >= 2);
  // A date that is no session of the group, or one to come: refused.
  res = await jonas.post(`/groups/${tuesday}/attendance`, { session: '2030-01-01', [`came-${mette}`]: '1' });
  assert.equal(res.status, 422);
  // The note: about the session, never linked to a person.
  res = await jonas.post(`/groups/${tuesday}/notes`, { session, body: '' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /Please fill this in/);
  res = await jonas.post(`/groups/${tuesday}/notes`, { session, body: 'Tema: søvn og ro om aftenen.' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT body FROM peer_group_note WHERE group_id = ${q(tuesday)} AND session_on = ${q(session)}`),
    'Tema: søvn og ro om aftenen.');
  // Mette reads in her own log what the facilitator did.
  const m = await signIn('mette');
  page = await (await m.get('/me/log')).text();
  assert.match(page, /As the facilitator of a peer group you joined, saw you in its member list/);
  assert.match(page, /marked whether you came/);
});

test('staff of another organisation, and of the same one who do not facilitate, see nothing of the members', async () => {
  for (const [who, org] of [['karin', 'Socialforvaltningen Østerbro'], ['daan'], ['peter']]) {
    const c = await signIn(who, org);
    const page = await (await c.get(`/groups/${tuesday}`)).text();
    assert.match(page, /Tirsdagsgruppen på Østerbro/);
    assert.doesNotMatch(page, /Mette/, who);
    assert.doesNotMatch(page, /Who came on/, who);
    const res = await c.post(`/groups/${tuesday}/attendance`, { session: '2026-01-06', [`came-${mette}`]: '1' });
    assert.equal(res.status, 404, who);
    const api = await (await c.get(`/api/v1/groups/${tuesday}`)).text();
    assert.doesNotMatch(api, /Mette|members/);
  }
});

test('membership is appointments: shared with Østerbro, not with Birgit; reads are logged; someone else\'s id is missing', async () => {
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  const before = logCount(mette, 'appointments', 'read', 'karin');
  let res = await karin.get(`/persons/${mette}/groups`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Tirsdagsgruppen på Østerbro/);
  assert.equal(logCount(mette, 'appointments', 'read', 'karin'), before + 1);
  const birgit = await signIn('birgit');
  res = await birgit.get(`/persons/${mette}/groups`);
  assert.equal(res.status, 403);
  assert.doesNotMatch(await res.text(), /Tirsdagsgruppen/);
  // Someone else's person, and a missing one, answer alike.
  const jonas = await signIn('jonas');
  const other = await jonas.get(`/persons/${jan}/groups`);
  const missing = await jonas.get(`/persons/${UNKNOWN}/groups`);
  assert.equal(other.status, 404);
  assert.equal(missing.status, 404);
  assert.equal((await jonas.get(`/groups/${UNKNOWN}`)).status, 404);
  // The person's own download holds it.
  const m = await signIn('mette');
  const data = await (await m.get('/api/v1/me/data')).json();
  assert.equal(data.peer_groups.memberships[0].group, 'Tirsdagsgruppen på Østerbro');
  assert.ok(data.peer_groups.attendance.length >= 3);
});

test('staff who run groups create and change them; bad input is kept with a message at the field and nothing written', async () => {
  const jonas = await signIn('jonas');
  let page = await (await jonas.get('/groups/new')).text();
  assert.match(page, /New group/);
  const n = groups();
  const cases = [
    [{ name: '' }, 'name', /Please fill this in/],
    [{ name: 'x'.repeat(101) }, 'name', /too long/],
    [{ minutes: 'abc' }, 'minutes', /whole number/],
    [{ at_time: '25:00' }, 'at_time', /HH:MM/],
    [{ starts_on: '2026-02-30' }, 'starts_on', /real date/],
    [{ ends_on: '2025-12-01' }, 'ends_on', /last date cannot be before/],
    [{ video_url: 'http://example.org/x' }, 'video_url', /https:\/\//],
    [{ place: '' }, 'place', /a place, a video link, or both/],
    [{ facilitator: daanId }, 'facilitator', /choose one of the options/],
    [{ language: 'xx' }, 'language', /choose one of the options/],
    [{ weekday: '7' }, 'weekday', /choose one of the options/],
  ];
  for (const [extra, field, msg] of cases) {
    const res = await jonas.post('/groups/new', goodForm(extra));
    assert.equal(res.status, 422, field);
    page = await res.text();
    assert.match(fieldError(page, field) || '', msg, field);
    if (field !== 'name') assert.equal(inputValue(page, 'name'), 'Søndagsgåtur');
  }
  // Invalid UTF-8.
  const raw = new URLSearchParams({ csrf: jonas.csrf, ...goodForm() }).toString().replace(/name=[^&]*/, 'name=%FF%FE');
  let res = await jonas.request('POST', '/groups/new', { body: raw, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.ok([400, 422].includes(res.status), String(res.status));
  assert.equal(groups(), n);
  res = await jonas.post('/groups/new', goodForm());
  assert.equal(res.status, 303);
  assert.equal(groups(), n + 1);
  const id = groupId('Søndagsgåtur');
  assert.equal(sql(`SELECT time_zone || '|' || facilitator_id || '|' || is_open FROM peer_group WHERE id = ${q(id)}`),
    `Europe/Copenhagen|${jonasId}|1`);
  page = await (await jonas.get(`/groups/${id}/edit`)).text();
  assert.equal(inputValue(page, 'name'), 'Søndagsgåtur');
  res = await jonas.post(`/groups/${id}/edit`, goodForm({ name: '', is_open: '0' }));
  assert.equal(res.status, 422);
  res = await jonas.post(`/groups/${id}/edit`, goodForm({ is_open: '0', language2: 'en' }));
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT is_open || '|' || language FROM peer_group WHERE id = ${q(id)}`), '0|da en');
  // A closed group is not there for a person who is no member; joining it is refused.
  const j = await signIn('jan');
  assert.equal((await j.get(`/groups/${id}`)).status, 404);
  assert.equal((await j.post(`/groups/${id}/join`)).status, 404);
  // Another organisation's group is missing to its editors; professionals and family do not run groups.
  const daan = await signIn('daan');
  assert.equal((await daan.get(`/groups/${id}/edit`)).status, 404);
  assert.equal((await daan.post(`/groups/${id}/edit`, goodForm())).status, 404);
  assert.equal((await daan.get(`/groups/${id}`)).status, 404);
  const peter = await signIn('peter');
  assert.equal((await peter.get('/groups/new')).status, 404);
  assert.equal((await peter.post('/groups/new', goodForm())).status, 404);
  assert.equal(groups(), n + 1);
});

test('the API: open groups with filters, one group, problem+json with stable codes', async () => {
  const m = await signIn('mette');
  let doc = await (await m.get('/api/v1/groups?language=nl')).json();
  assert.deepEqual(doc.items.map((g) => g.name), ['Herstelgroep online']);
  assert.equal(doc.items[0].online, true);
  assert.equal(doc.items[0].video_url, undefined);
  assert.match(doc.items[0].next_session, /^\d{4}-\d\d-\d\dT/);
  doc = await (await m.get('/api/v1/groups?online=false&day=1')).json();
  assert.ok(doc.items.some((g) => g.name === 'Tirsdagsgruppen på Østerbro'));
  assert.ok(doc.items.every((g) => g.weekday === 1 && g.online === false));
  for (const bad of ['day=9', 'online=yes', 'language=zz']) {
    const res = await m.get(`/api/v1/groups?${bad}`);
    assert.equal(res.status, 400, bad);
    assert.match(res.headers.get('content-type'), /problem\+json/);
    const p = await res.json();
    assert.equal(p.code, 'invalid_format');
    assert.equal(p.errors[0].field, bad.split('=')[0]);
  }
  const res = await m.get(`/api/v1/groups/${UNKNOWN}`);
  assert.equal(res.status, 404);
  assert.equal((await res.json()).code, 'not_found');
  doc = await (await m.get(`/api/v1/groups/${tuesday}`)).json();
  assert.equal(doc.member, true);
  assert.deepEqual(doc.languages, ['da']);
});

test('suggestions from her own goals and answers, on her page only; a dismissed one stays away', async () => {
  const m = await signIn('mette');
  // Her page links to them (a page of their own: finding them is a search).
  assert.match(await (await m.get('/me')).text(), /href="\/me\/ideas"/);
  let page = await (await m.get('/me/ideas')).text();
  assert.match(page, /Ideas for you/);
  const ideasOf = (html) => (html.split('class="plain ideas"')[1] || '').split('</ul>')[0];
  const ideas = ideasOf(page);
  // Her goal "Et år uden alkohol" (alcohol and drugs): the Arabic and Danish
  // group, in Danish and near her (not the Tuesday group: she is in it).
  assert.match(ideas, /You wrote that you want this: “Et år uden alkohol”. This group meets every Thursday near you./);
  assert.doesNotMatch(ideas, /Tirsdagsgruppen/);
  assert.doesNotMatch(ideas, /Herstelgroep/);             // Dutch, online: not her language
  // Each with one line, and at most three.
  const items = [...ideas.matchAll(/<li><h2><a href="([^"]+)">([^<]+)<\/a><\/h2><p>([^<]+)<\/p>/g)];
  assert.ok(items.length >= 2 && items.length <= 3, String(items.length));
  assert.ok(items.some((x) => x[1].startsWith('/services/')), 'a service from the directory');
  const arabic = groupId('Fællesskab på arabisk og dansk');
  // Dismissing: only a known source; then it stays away.
  let res = await m.post('/me/suggestions/dismiss', { source: 'nonsense', id: arabic });
  assert.equal(res.status, 422);
  res = await m.post('/me/suggestions/dismiss', { source: 'group', id: arabic });
  assert.equal(res.status, 303);
  res = await m.post('/me/suggestions/dismiss', { source: 'group', id: arabic });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM suggestion_dismissed WHERE person_id = ${q(mette)}`), '1');
  page = await (await m.get('/me/ideas')).text();
  assert.match(page, /Ideas for you/);
  assert.doesNotMatch(ideasOf(page), /Fællesskab på arabisk og dansk/);
  // In its place, for the same goal, a self-help meeting from the feed: in
  // Danish, in København (the area she gave for peer support), the soonest
  // first; not the online one she keeps in her plan, nothing in Aarhus or
  // in Dutch.
  const meetingIdea = () => {
    const part = ideasOf(page);
    const found = [...part.matchAll(/<li><h2><a href="\/meetings\/([0-9a-f]{32})">([^<]+)<\/a><\/h2><p>([^<]+)<\/p>/g)];
    assert.equal(found.length, 1, part);
    return { id: found[0][1], name: found[0][2], line: found[0][3], part };
  };
  let idea = meetingIdea();
  const copenhagen = ['dk-norrebro-tirsdag', 'dk-osterbro-morgen', 'dk-na-lordag']
    .map((slug) => sql(`SELECT id FROM meeting WHERE slug = ${q(slug)}`));
  assert.ok(copenhagen.includes(idea.id), idea.name);
  assert.match(idea.line, /^You wrote that you want this: “Et år uden alkohol”. This meeting in Danish meets (Tuesdays|Mondays, Wednesdays, Fridays|Saturdays) at \d\d:\d\d, near you.$/);
  assert.doesNotMatch(idea.part, /Aftenmødet online|Aarhus|Avondmeeting|Amsterdam/);
  // The soonest: minutes from now (Copenhagen) to each one's next start,
  // one under way counting (negative).
  const clock = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date()).map((x) => [x.type, x.value]));
  const today = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(clock.weekday);
  const nowMin = Number(clock.hour) * 60 + Number(clock.minute);
  const minutes = (hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  const until = (id) => {
    const [days, start, end] = sql(`SELECT days || '|' || start_time || '|' || COALESCE(end_time, '') FROM meeting WHERE id = ${q(id)}`).split('|');
    const s = minutes(start);
    const e = end ? minutes(end) : s + 60;
    for (let k = 0; k < 8; k++) {
      if ((Number(days) & (1 << ((today + k) % 7))) && (k > 0 || e > nowMin)) return k * 1440 + s - nowMin;
    }
    return Infinity;
  };
  for (const other of copenhagen) assert.ok(until(idea.id) <= until(other), `${idea.name} first`);
  // Dismissing the meeting: it stays away; the next one takes its place.
  res = await m.post('/me/suggestions/dismiss', { source: 'meeting', id: idea.id });
  assert.equal(res.status, 303);
  page = await (await m.get('/me/ideas')).text();
  assert.doesNotMatch(page, new RegExp(`/meetings/${idea.id}"`));
  const second = meetingIdea();
  assert.notEqual(second.id, idea.id);
  assert.ok(copenhagen.includes(second.id), second.name);
  page = await (await m.get('/me/ideas')).text();
  assert.doesNotMatch(page, new RegExp(`/meetings/${idea.id}"`), 'still dismissed');
  const data = await (await m.get('/api/v1/me/data')).json();
  assert.deepEqual(data.suggestions_dismissed.map((d) => [d.source, d.id]).sort(),
    [['group', arabic], ['meeting', idea.id]]);
  // Staff never see them, not even on her page; nobody else may dismiss.
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  assert.doesNotMatch(await (await karin.get(`/persons/${mette}`)).text(), /Ideas for you/);
  assert.equal((await karin.get('/me/ideas')).status, 404);
  res = await karin.post('/me/suggestions/dismiss', { source: 'group', id: arabic });
  assert.equal(res.status, 404);
  // Jan (Dutch, in Amsterdam): the Dutch video group, online.
  const j = await signIn('jan');
  page = await (await j.get('/me/ideas')).text();
  assert.doesNotMatch(ideasOf(page), /Tirsdagsgruppen/);
});
