// Peer workers, end to end: the person says what matters in a peer and
// sees only peers who fit (never one taking no one new, one already theirs
// or one they said no to), each with why; bad input is answered at the
// field with what was typed kept; choosing a peer adds them to the network
// with exactly the consent ticked, in one write, and the peer then reads
// only that; coaching sessions are always the person's to read, others'
// only with the "notes" consent (or by duty), every read by someone else
// in the access log; only the peer worker in the network writes them; the
// matches and sessions through the API; someone else's id answers like a
// missing one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, mette, jan, ids;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';
const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const api = (c, path, body) => c.request('POST', path, {
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});
const user = (name) => sql(`SELECT id FROM user_account WHERE username = ${q(name)}`);
const profile = (name) => sql(`SELECT p.id FROM peer_profile p JOIN user_account u
  ON u.id = p.user_id WHERE u.username = ${q(name)}`);
const logCount = (pid, actor, what, action) => Number(sql(`SELECT count(*) FROM access_log
  WHERE person_id = ${q(pid)} AND actor_id = ${q(user(actor))} AND what = ${q(what)}
  AND action = ${q(action)}`));
const prefRow = (pid) => sql(`SELECT langs || '|' || coalesce(gender, '') || '|' ||
  coalesce(area, '') || '|' || days || '|' || video FROM peer_preference WHERE person_id = ${q(pid)}`);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  ids = { amira: profile('amira'), sanne: profile('sanne'), kees: profile('kees'), jonas: profile('jonas') };
});
after(async () => { await srv.stop(); });

test('the person sees only peers who fit, each with why, and their own peer worker', async () => {
  const c = await signIn('mette');
  const res = await c.get('/me/peers');
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /Amira Haddad/);
  assert.match(page, /<p class="why">Speaks Dansk · meets in København · free on[^<]*<\/p>/);
  assert.doesNotMatch(page, /Kees Mulder/, 'not taking new people');
  assert.doesNotMatch(page, /Sanne de Jong/, 'no Danish');
  assert.doesNotMatch(page, new RegExp(`/me/peers/${ids.jonas}/`), 'already her peer worker');
  assert.match(page, /My peer workers[\s\S]*Jonas Kristensen/);
  assert.match(page, new RegExp(`action="/me/peers/${ids.amira}/choose"`));
  assert.match(page, /name="cat_notes"/);
});

test('preferences: bad input is answered at the field, what was typed kept, nothing saved', async () => {
  const c = await signIn('mette');
  await c.get('/me/peers');
  const before = prefRow(mette);
  const cases = [
    [{ gender: 'robot', area: 'Valby' }, 'gender', 'Valby'],
    [{ area: 'x'.repeat(61) }, 'area', null],
    [{ area: 'Valby, Vesterbro' }, 'area', null],
    [{ langs_da: '2', area: 'Valby' }, 'langs', 'Valby'],
    [{ age: '12-17' }, 'age', null],
    [{ substance: 'gambling' }, 'substance', null],
    [{ video: 'maybe' }, 'video', null],
  ];
  for (const [form, field, kept] of cases) {
    const res = await c.post('/me/peers', form);
    assert.equal(res.status, 422, JSON.stringify(form));
    const page = await res.text();
    assert.match(page, new RegExp(`href="#f-${field}"`), `error summary links ${field}`);
    assert.match(page, new RegExp(`id="e-${field}"`), `message at ${field}`);
    if (kept) assert.match(page, new RegExp(`value="${kept}"`));
  }
  // Invalid UTF-8 in the area.
  const res = await c.request('POST', '/me/peers', {
    body: `csrf=${encodeURIComponent(c.csrf)}&area=K%FFbenhavn`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="e-area"/);
  assert.equal(prefRow(mette), before, 'nothing saved');
  // Without the CSRF token: refused.
  assert.equal((await c.post('/me/peers', { area: 'Valby' }, { csrf: 'nope' })).status, 403);
  // Staff have no /me/peers of their own.
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  assert.equal((await karin.get('/me/peers')).status, 404);
});

test('the matches API: the person, the team through the door and logged, anyone else 404', async () => {
  const c = await signIn('mette');
  let res = await c.get(`/api/v1/peers/matches?person=${mette}`);
  assert.equal(res.status, 200);
  let doc = await res.json();
  assert.deepEqual(doc.matches.map((m) => m.name), ['Amira Haddad']);
  assert.equal(doc.preferences.area, 'København');
  assert.deepEqual(doc.preferences.languages, ['da']);
  assert.match(doc.matches[0].why, /Dansk/);

  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  const logged = logCount(mette, 'karin', 'plan', 'read');
  res = await karin.get(`/api/v1/peers/matches?person=${mette}`);
  assert.equal(res.status, 200);
  doc = await res.json();
  assert.deepEqual(doc.matches.map((m) => m.name), ['Amira Haddad']);
  assert.equal(logCount(mette, 'karin', 'plan', 'read'), logged + 1, 'the read is in her log');
  res = await karin.get(`/persons/${mette}/peers`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Amira Haddad/);
  assert.equal(logCount(mette, 'karin', 'plan', 'read'), logged + 2);

  // Someone else's id answers exactly like a missing one.
  for (const who of [c, karin, await signIn('lars')]) {
    const a = await who.get(`/api/v1/peers/matches?person=${jan}`);
    const b = await who.get(`/api/v1/peers/matches?person=${UNKNOWN}`);
    assert.equal(a.status, 404);
    assert.equal(b.status, 404);
    assert.deepEqual(await a.json(), await b.json());
    assert.equal((await who.get(`/persons/${jan}/peers`)).status, 404);
  }
  res = await c.get('/api/v1/peers/matches');
  assert.equal(res.status, 422);
  assert.equal((await res.json()).errors[0].field, 'person');
});

test('choosing a peer: in the network with exactly the consent ticked, in one write', async () => {
  // Mette (home: Nordlys) chooses Amira (Broen): Amira works by consent
  // alone. (A peer worker of the person's own home organisation would work
  // by duty, as its other staff in the network do.)
  const c = await signIn('mette');
  await c.get('/me/peers');
  const members = () => Number(sql(`SELECT count(*) FROM network_member WHERE person_id = ${q(mette)}`));
  const n = members();
  // Not suggested (not taking new people; nobody): 404, nothing written.
  assert.equal((await c.post(`/me/peers/${ids.kees}/choose`, { cat_basic: '1' })).status, 404);
  assert.equal((await c.post(`/me/peers/${UNKNOWN}/choose`, { cat_basic: '1' })).status, 404);
  // A malformed choice: nothing half written.
  assert.equal((await c.post(`/me/peers/${ids.amira}/choose`, { cat_basic: '1', cat_plan: 'yes' })).status, 400);
  assert.equal(members(), n);

  let res = await c.post(`/me/peers/${ids.amira}/choose`, { cat_basic: '1', cat_notes: '1' });
  assert.equal(res.status, 303);
  assert.equal(members(), n + 1);
  const mid = sql(`SELECT id FROM network_member WHERE person_id = ${q(mette)} AND user_id = ${q(user('amira'))}
    AND role = 'peer_worker' AND until_date IS NULL`);
  assert.match(mid, /^[0-9a-f]{32}$/);
  assert.deepEqual(sql(`SELECT category FROM consent WHERE person_id = ${q(mette)}
    AND recipient_member_id = ${q(mid)} AND granted = 1 ORDER BY category`).split('\n'),
  ['basic', 'notes']);
  let page = await (await c.get('/me/peers')).text();
  assert.match(page, /My peer workers[\s\S]*Amira Haddad/);
  assert.doesNotMatch(page, new RegExp(`/me/peers/${ids.amira}/choose`), 'not suggested twice');
  assert.equal((await c.post(`/me/peers/${ids.amira}/choose`, { cat_basic: '1' })).status, 404);

  // Amira reads only what Mette ticked.
  const amira = await signIn('amira');
  assert.equal((await amira.get(`/persons/${mette}`)).status, 200);
  assert.equal((await amira.get(`/persons/${mette}/coaching`)).status, 200);
  assert.equal((await amira.get(`/persons/${mette}/plan`)).status, 403);
  assert.equal((await amira.get(`/persons/${mette}/appointments`)).status, 403);
  assert.equal((await amira.get(`/api/v1/persons/${mette}/checkins`)).status, 403);
  // And she logs a session, which Mette reads.
  await amira.get(`/persons/${mette}/coaching`);
  res = await amira.post(`/persons/${mette}/coaching`, { day: '2026-01-05', minutes: '50', text: 'Første møde på Nørrebro.' });
  assert.equal(res.status, 303);
  page = await (await c.get(`/persons/${mette}/coaching`)).text();
  assert.match(page, /Første møde på Nørrebro\./);
  assert.match(page, /Amira Haddad/);
});

test('saying no to a peer: never suggested again', async () => {
  const c = await signIn('jan');
  await c.get('/me/peers');
  let res = await c.post('/me/peers', { langs_nl: '1', area: 'Amsterdam', video: '0', days_tue: '1' });
  assert.equal(res.status, 303);
  let page = await (await c.get('/me/peers')).text();
  assert.match(page, /Sanne de Jong/);
  assert.doesNotMatch(page, /Kees Mulder/);
  assert.equal((await c.post(`/me/peers/${UNKNOWN}/exclude`, {})).status, 404);
  res = await c.post(`/me/peers/${ids.sanne}/exclude`, {});
  assert.equal(res.status, 303);
  page = await (await c.get('/me/peers')).text();
  assert.doesNotMatch(page, /Sanne de Jong/);
  assert.match(page, /You said no to 1 peer worker/);
  // Even when what he asks would fit Sanne best.
  await c.post('/me/peers', { langs_nl: '1', langs_en: '1', area: 'Amsterdam', video: '1' });
  const doc = await (await c.get(`/api/v1/peers/matches?person=${jan}`)).json();
  assert.deepEqual(doc.matches, []);
  assert.deepEqual(doc.preferences.languages, ['nl', 'en']);
  // The choice is refused too.
  assert.equal((await c.post(`/me/peers/${ids.sanne}/choose`, { cat_basic: '1' })).status, 404);
});

test('coaching sessions: the person always, family without notes consent not, reads logged', async () => {
  const c = await signIn('mette');
  let res = await c.get(`/persons/${mette}/coaching`);
  assert.equal(res.status, 200);
  let page = await res.text();
  assert.match(page, /Vi gik en tur langs Søerne/);
  assert.match(page, /Kaffe på Østerbro/);
  assert.doesNotMatch(page, /name="text"/, 'the person does not write them');
  res = await c.get(`/api/v1/persons/${mette}/coaching`);
  assert.equal((await res.json()).sessions.length >= 2, true);

  // Birgit (family, no notes consent): told, not shown.
  const birgit = await signIn('birgit');
  assert.equal((await birgit.get(`/persons/${mette}/coaching`)).status, 403);
  assert.equal((await birgit.get(`/api/v1/persons/${mette}/coaching`)).status, 403);
  assert.equal(logCount(mette, 'birgit', 'notes', 'read'), 0);

  // Peter (Nordlys, her home organisation) reads them by duty: logged.
  const peter = await signIn('peter');
  const before = logCount(mette, 'peter', 'notes', 'read');
  res = await peter.get(`/persons/${mette}/coaching`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Kaffe på Østerbro/);
  assert.equal(logCount(mette, 'peter', 'notes', 'read'), before + 1);
  // But he is no peer worker: he cannot write one.
  assert.equal((await peter.post(`/persons/${mette}/coaching`, { day: '2026-01-05', minutes: '30', text: 'x' })).status, 403);

  // Lars (outside her network): like a missing person.
  const lars = await signIn('lars');
  const a = await lars.get(`/api/v1/persons/${mette}/coaching`);
  const b = await lars.get(`/api/v1/persons/${UNKNOWN}/coaching`);
  assert.equal(a.status, 404);
  assert.deepEqual(await a.json(), await b.json());
  assert.equal((await api(lars, `/api/v1/persons/${mette}/coaching`, { day: '2026-01-05', minutes: 30, text: 'x' })).status, 404);
});

test('coaching sessions: only her peer worker writes them, bad input at the field', async () => {
  const jonas = await signIn('jonas');
  let res = await jonas.get(`/persons/${mette}/coaching`);
  assert.equal(res.status, 200);
  let page = await res.text();
  assert.match(page, /name="text"/, 'the form');
  assert.doesNotMatch(page, /Kaffe på Østerbro/, 'no notes consent: the form, not the sessions');
  const count = () => Number(sql(`SELECT count(*) FROM coaching_note WHERE person_id = ${q(mette)}`));
  const n = count();
  const cases = [
    [{ day: '', minutes: '30', text: 'x' }, 'day'],
    [{ day: '2026-02-30', minutes: '30', text: 'x' }, 'day'],
    [{ day: '2999-01-01', minutes: '30', text: 'x' }, 'day'],
    [{ day: '2026-01-05', minutes: 'half', text: 'x' }, 'minutes'],
    [{ day: '2026-01-05', minutes: '0', text: 'x' }, 'minutes'],
    [{ day: '2026-01-05', minutes: '30', text: '' }, 'text'],
    [{ day: '2026-01-05', minutes: '30', text: 'x'.repeat(2001) }, 'text'],
  ];
  for (const [form, field] of cases) {
    res = await jonas.post(`/persons/${mette}/coaching`, form);
    assert.equal(res.status, 422, JSON.stringify(form).slice(0, 80));
    page = await res.text();
    assert.match(page, new RegExp(`id="e-${field}"`));
    if (form.minutes === 'half') assert.match(page, /value="half"/);
  }
  assert.equal(count(), n, 'nothing written');
  const writes = logCount(mette, 'jonas', 'notes', 'write');
  res = await jonas.post(`/persons/${mette}/coaching`, { day: '2026-01-05', minutes: '40', text: 'Vi øvede, hvad hun siger til festen.' });
  assert.equal(res.status, 303);
  assert.equal(count(), n + 1);
  assert.equal(logCount(mette, 'jonas', 'notes', 'write'), writes + 1);
  res = await api(jonas, `/api/v1/persons/${mette}/coaching`, { day: '2026-01-06', minutes: 'x', text: 'y' });
  assert.equal(res.status, 422);
  assert.equal((await res.json()).errors[0].field, 'minutes');
  res = await api(jonas, `/api/v1/persons/${mette}/coaching`, { day: '2026-01-06', minutes: 20, text: 'Telefonsamtale.' });
  assert.equal(res.status, 201);
  assert.equal((await res.json()).minutes, 20);
  // Karin (coordinator, in the network, not a peer worker) may not.
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  assert.equal((await api(karin, `/api/v1/persons/${mette}/coaching`, { day: '2026-01-06', minutes: 20, text: 'x' })).status, 403);
  // Sanne, a peer worker outside Mette's network: like a missing person.
  const sanne = await signIn('sanne');
  assert.equal((await api(sanne, `/api/v1/persons/${mette}/coaching`, { day: '2026-01-06', minutes: 20, text: 'x' })).status, 404);
  // The person reads every one.
  const doc = await (await (await signIn('mette')).get(`/api/v1/persons/${mette}/coaching`)).json();
  assert.ok(doc.sessions.some((s) => s.text === 'Telefonsamtale.'));
});

test('the peer worker keeps a profile; their organisation reads it', async () => {
  const jonas = await signIn('jonas');
  let res = await jonas.get('/peer-profile');
  assert.equal(res.status, 200);
  let page = await res.text();
  assert.match(page, /Jeg drak i tyve år/);
  assert.match(page, /name="langs_da" id="langs_da" value="1" checked/);
  res = await jonas.post('/peer-profile', { taking_new: '1', video: '1', story: 'Kept story', areas: 'a'.repeat(61), gender: 'man' });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.match(page, /id="e-areas"/);
  assert.match(page, /Kept story/);
  res = await jonas.post('/peer-profile', { taking_new: '1', video: '1', story: 'Kept story', gender: 'robot' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="e-gender"/);
  res = await jonas.post('/peer-profile', { taking_new: '2', video: '1', story: '' });
  assert.equal(res.status, 422);
  res = await jonas.post('/peer-profile', { taking_new: '0', video: '1', story: 'Ædru siden 2017.',
    langs_da: '1', langs_en: '1', areas: 'København, Valby', gender: 'man', age: '45-59',
    substances_alcohol: '1', days_thu: '1', times_evening: '1' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT taking_new || '|' || areas || '|' || video FROM peer_profile WHERE id = ${q(ids.jonas)}`),
    '0|København, Valby|1');
  // Read by the staff of his organisation; not a page for anyone else.
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  page = await (await karin.get('/peer-profile')).text();
  assert.doesNotMatch(page, /Jonas/);
  assert.equal((await karin.post('/peer-profile', { taking_new: '1', video: '1' })).status, 403);
  const amira = await signIn('amira');
  assert.equal((await amira.get('/peer-profile')).status, 200);
  const mette = await signIn('mette');
  assert.notEqual((await mette.get('/peer-profile')).status, 200);
});

test('her data download holds what she asked of a peer, whom she said no to, and every session', async () => {
  const c = await signIn('jan');
  const jdoc = await (await c.get('/api/v1/me/data')).json();
  assert.deepEqual(jdoc.peer_workers.excluded_peers, [ids.sanne]);
  assert.equal(jdoc.peer_workers.preferences.area, 'Amsterdam');
  const m = await signIn('mette');
  const doc = await (await m.get('/api/v1/me/data')).json();
  const texts = doc.peer_workers.coaching_sessions.map((s) => s.text);
  assert.ok(texts.some((t) => /Vi gik en tur langs Søerne/.test(t)));
  assert.ok(texts.some((t) => /Kaffe på Østerbro/.test(t)));
  const jonasSession = doc.peer_workers.coaching_sessions.find((s) => /Kaffe/.test(s.text));
  assert.equal(jonasSession.by.name, 'Jonas Kristensen');
  assert.equal(jonasSession.minutes, 45);
  assert.deepEqual(doc.peer_workers.preferences.languages, ['da']);
});

test('the one line on why: by video when nobody is near, in the reader\'s words', async () => {
  const c = await signIn('jan');
  await c.get('/me/peers');
  // Kees takes no one; Sanne is excluded by now: nobody. A new wish, from
  // Aarhus by video, in English and Dutch: only by video, and no Sanne.
  await c.post('/me/peers', { area: 'Aarhus', video: '1' });
  const doc = await (await c.get(`/api/v1/peers/matches?person=${jan}`)).json();
  assert.deepEqual(doc.matches.map((m) => m.name), ['Amira Haddad']);
  for (const m of doc.matches) assert.match(m.why, /^Meets by video\./);
  assert.ok(doc.matches.some((m) => m.name === 'Jonas Kristensen') === false, 'Jonas meets in person only');
  assert.ok(doc.matches.every((m) => m.video));
});
