// Persons: "my people" (caseload, search, paging), registering, the
// overview through the policy door, changing the details with optimistic
// versions. Every read by someone other than the person must be in the
// access log: the tests check the log, not only the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, client } from '../lib/rosc.mjs';

let srv;
before(async () => {
  srv = await startRosc();
  // The pages' words are checked in English, whatever the demo users chose.
  srv.sql("UPDATE user_account SET lang = 'en'");
  // The demo has Mette share notes and messages with Karin by name (their
  // thread); the tests here see Karin as one she has not shared notes with.
  srv.sql(`DELETE FROM consent WHERE category = 'notes' AND recipient_member_id IN
    (SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
     JOIN person p ON p.id = m.person_id WHERE u.username = 'karin' AND p.display_name = 'Mette Larsen')`);
});
after(async () => { await srv.stop(); });

const sql = (q) => {
  return srv.sql(q);
};
const userId = (name) => sql(`SELECT id FROM user_account WHERE username = '${name}'`);
const personId = (name) => sql(`SELECT id FROM person WHERE display_name = '${name}'`);
const today = () => new Date().toISOString().slice(0, 10);
const OSTERBRO = 'Socialforvaltningen Østerbro';

/** The people on a caseload page, in order: [{ id, name }]. */
function people(html) {
  const body = html.split(/<tbody[^>]*>/)[1] || '';
  return [...body.matchAll(/<a class="row-link" href="\/persons\/([0-9a-f]{32})">([^<]*)<\/a>/g)]
    .map((m) => ({ id: m[1], name: m[2] }));
}
const countOf = (html) => {
  const m = /<p class="count" role="status">(\d+) (?:person|people)/.exec(html);
  return m ? Number(m[1]) : 0;
};

async function karin() {
  const c = client(srv);
  await c.signIn('karin', undefined, { orgName: OSTERBRO });
  return c;
}

/** Registers a person as c; returns their id. */
async function register(c, form) {
  await c.get('/persons/new');
  const res = await c.post('/persons/new', { time_zone: 'Europe/Copenhagen', ...form });
  assert.equal(res.status, 303, `registering ${form.display_name}`);
  const m = /^\/persons\/([0-9a-f]{32})$/.exec(res.headers.get('location'));
  assert.ok(m, res.headers.get('location'));
  return m[1];
}

test('karin sees her people, sorted as a Danish reader expects', async () => {
  const k = await karin();
  // Names that begin with the letters Danish puts after z.
  for (const n of ['Åby Testesen', 'Østergaard Testesen', 'Ærø Testesen', 'Zacho Testesen']) {
    await register(k, { display_name: n });
  }
  const page = await (await k.get('/persons')).text();
  assert.match(page, /<h1>My people<\/h1>/);
  assert.match(page, /href="\/persons\/new"/, 'staff can register a person');
  const list = people(page).map((p) => p.name);
  const at = (n) => list.indexOf(n);
  for (const n of ['Birthe Sørensen', 'Mette', 'Frede', 'Åse Kjær', 'Zacho Testesen', 'Ærø Testesen'])
    assert.ok(at(n) >= 0, `${n} is on the list: ${list}`);
  assert.ok(at('Zacho Testesen') < at('Ærø Testesen'), 'Æ after Z');
  assert.ok(at('Ærø Testesen') < at('Østergaard Testesen'), 'Ø after Æ');
  assert.ok(at('Østergaard Testesen') < at('Åby Testesen'), 'Å after Ø');
  assert.ok(at('Åse Kjær') > at('Søren'), 'Åse after Søren');
  // The registered name beside a preferred one; roles and home organisation.
  assert.match(page, />Frede<\/a> <span class="small">\(Frederik Ærenlund\)<\/span>/);
  assert.match(page, /<td data-label="My role in their network">Coordinator<\/td><td data-label="Home organisation">Behandlingscenter Nordlys<\/td>/, 'Mette: home Nordlys');
  // Ended memberships and other people's persons are not there, and the
  // count is exactly the rows shown.
  assert.ok(!list.includes('Louise Ørsted'), 'her membership ended');
  assert.ok(!list.includes('Jan'), 'not in her network');
  assert.equal(countOf(page), list.length);
});

test('search by the beginning of a name, æ ø å in either case', async () => {
  const k = await karin();
  const ids = {};
  for (const n of ['Ærøskøbing Søgetest', 'Østerby Søgetest']) ids[n] = await register(k, { display_name: n });
  const find = async (q) => people(await (await k.get('/persons?q=' + encodeURIComponent(q))).text()).map((p) => p.name);
  assert.deepEqual(await find('ærø'), ['Ærø Testesen', 'Ærøskøbing Søgetest']);
  assert.deepEqual(await find('ÆRØSK'), ['Ærøskøbing Søgetest']);
  assert.deepEqual(await find('øs'), ['Østerby Søgetest', 'Østergaard Testesen']);
  assert.deepEqual(await find('ØSTERB'), ['Østerby Søgetest']);
  assert.deepEqual(await find('  åse '), ['Åse Kjær']);
  assert.ok((await find('å')).includes('Åse Kjær'));
  // "ae" is not "æ"; a name in the middle does not count.
  assert.deepEqual(await find('aer'), []);
  assert.deepEqual(await find('østergaard'), ['Østergaard Testesen'], 'Søren Østergaard is found by Søren');
  const none = await (await k.get('/persons?q=' + encodeURIComponent('Qwxz'))).text();
  assert.match(none, /Nobody on your list has a name that begins with “Qwxz”/);
  assert.match(none, /value="Qwxz"/, 'the search is kept');
});

test('paging: 40 a page, then the rest, nobody twice', async () => {
  const k = await karin();
  for (let i = 1; i <= 45; i++) await register(k, { display_name: `Pagina ${String(i).padStart(2, '0')}` });
  const first = await (await k.get('/persons?q=pagina')).text();
  assert.equal(countOf(first), 45);
  const p1 = people(first);
  assert.equal(p1.length, 40);
  assert.equal(p1[0].name, 'Pagina 01');
  const next = /<a href="([^"]+)" rel="next">/.exec(first);
  assert.ok(next, 'a link to the next page');
  const p2html = await (await k.get(next[1].replaceAll('&amp;', '&'))).text();
  const p2 = people(p2html);
  assert.deepEqual(p2.map((p) => p.name), ['Pagina 41', 'Pagina 42', 'Pagina 43', 'Pagina 44', 'Pagina 45']);
  assert.doesNotMatch(p2html, /rel="next"/);
  assert.equal(new Set([...p1, ...p2].map((p) => p.id)).size, 45);
  // A cursor that is not one of ours starts at the beginning.
  const bad = await k.get('/persons?q=pagina&after=zz&after_id=x');
  assert.equal(bad.status, 200);
  assert.equal(people(await bad.text()).length, 40);
});

test('a person whose consent lapsed is left out, from the count too', async () => {
  // Henrik (Havnely) is in three networks; Åse's consent to Havnely ended.
  const h = client(srv);
  await h.signIn('henrik');
  const page = await (await h.get('/persons')).text();
  const list = people(page).map((p) => p.name);
  assert.deepEqual(list.sort(), ['Mette', 'Zeynep Yılmaz']);
  assert.equal(countOf(page), 2);
  assert.doesNotMatch(page, /Åse/);
  const ase = personId('Åse Kjær');
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id = '${ase}' AND actor_id = '${userId('henrik')}'`), '0');
});

test('the access log: one list entry per person, category, actor and day', async () => {
  const h = client(srv);
  await h.signIn('henrik');
  await h.get('/persons');
  await h.get('/persons');
  await h.get('/persons?q=me');
  // One per category shown, as a list entry: the listing itself, and
  // what a row shows beyond the name (the next appointment, the phase).
  const rows = sql(`SELECT person_id, count(*), min(why), min(day) FROM access_log WHERE actor_id = '${userId('henrik')}' AND action = 'list' GROUP BY person_id, what`).split('\n');
  assert.equal(new Set(rows.map((r) => r.split('|')[0])).size, 2);
  for (const row of rows) {
    const [, n, why, day] = row.split('|');
    assert.equal(n, '1');
    assert.equal(why, 'consent');
    assert.equal(day, today());
  }
  // Karin's list: each shown person once, nobody else.
  const k = await karin();
  const shown = people(await (await k.get('/persons')).text()).map((p) => p.id);
  await k.get('/persons');
  const logged = sql(`SELECT person_id FROM access_log WHERE actor_id = '${userId('karin')}' AND action = 'list' AND what = 'list'`).split('\n');
  for (const id of shown) assert.equal(logged.filter((x) => x === id).length, 1);
  assert.ok(!logged.includes(personId('Louise Ørsted')));
});

test('a person in recovery is sent to their own page', async () => {
  const m = client(srv);
  await m.signIn('mette');
  const res = await m.get('/persons');
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), '/me');
});

test('family see the persons they support', async () => {
  const b = client(srv);
  await b.signIn('birgit');
  const page = await (await b.get('/persons')).text();
  assert.deepEqual(people(page).map((p) => p.name), ['Mette']);
  assert.match(page, /<td data-label="My role in their network">Family<\/td>/);
  assert.doesNotMatch(page, /href="\/persons\/new"/, 'family do not register persons');
  assert.equal((await b.get('/persons/new')).status, 403);
});

test("peter opens Mette's overview by duty, and it is logged", async () => {
  const mette = personId('Mette Larsen');
  const p = client(srv);
  await p.signIn('peter');
  const res = await p.get(`/persons/${mette}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /<h1>Mette/);
  assert.match(page, /•••• 1234/, 'the national id is masked');
  assert.doesNotMatch(page, /010190/);
  assert.match(page, /Behandlingscenter Nordlys/);
  // The network, current members only; the history is one link away.
  assert.match(page, /Henrik Lund/);
  assert.match(page, /Birgit Larsen/);
  assert.doesNotMatch(page, /Mia Nielsen/, 'a past member is not in the current network');
  assert.match(page, new RegExp(`href="/persons/${mette}/network"`));
  assert.match(page, new RegExp(`href="/persons/${mette}/notes"`));
  assert.match(page, new RegExp(`href="/persons/${mette}/edit"`), 'home-organisation staff may edit');
  assert.doesNotMatch(page, /\/emergency"/, 'nothing is kept from him');
  const rows = sql(`SELECT what, action, why FROM access_log WHERE person_id = '${mette}' AND actor_id = '${userId('peter')}' AND action = 'read'`);
  // The summary at the top reads the plan and the latest note through the
  // door, so those reads are logged too, and her goal about alcohol and
  // drugs counts among the goals shown; showing links logs nothing.
  assert.deepEqual(rows.split('\n').sort(), ['basic|read|duty', 'notes|read|duty', 'plan|read|duty',
    'substance|read|duty']);
});

test('karin opens Mette by consent: no notes link, emergency offered', async () => {
  const mette = personId('Mette Larsen');
  const k = await karin();
  const res = await k.get(`/persons/${mette}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.doesNotMatch(page, /\/notes"/, 'no consent for notes');
  assert.doesNotMatch(page, /\/edit"/, 'not her home organisation');
  assert.match(page, new RegExp(`href="/persons/${mette}/emergency"`));
  assert.equal(sql(`SELECT what || '/' || action || '/' || why FROM access_log WHERE person_id = '${mette}' AND actor_id = '${userId('karin')}' AND action = 'read'`).split('\n').sort().join(','), 'basic/read/consent,plan/read/consent', 'her plan for the summary; no notes: not shared with her');
  assert.match(page, /They have not shared their journal notes with you\./);
  // Not allowed to edit: she is in the network, so she is told.
  const edit = await k.get(`/persons/${mette}/edit`);
  assert.equal(edit.status, 403);
});

test('lars gets the same 404 for Mette, a random id and a malformed one', async () => {
  const mette = personId('Mette Larsen');
  const l = client(srv);
  await l.signIn('lars');
  const a = await l.get(`/persons/${mette}`);
  const b = await l.get('/persons/0123456789abcdef0123456789abcdef');
  const c = await l.get('/persons/not-an-id');
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  assert.equal(c.status, 404);
  const strip = (t) => t.replace(/name="csrf" value="[^"]*"/g, '').replace(/name="next" value="[^"]*"/g, '');
  const ta = strip(await a.text()), tb = strip(await b.text()), tc = strip(await c.text());
  assert.equal(ta, tb);
  assert.equal(ta, tc);
  assert.doesNotMatch(ta, /Mette/);
  assert.equal((await l.get(`/persons/${mette}/edit`)).status, 404);
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id = '${mette}' AND actor_id = '${userId('lars')}'`), '0');
});

test('mia, once in the network, is told in plain words', async () => {
  const mette = personId('Mette Larsen');
  const m = client(srv);
  await m.signIn('mia');
  const res = await m.get(`/persons/${mette}`);
  assert.equal(res.status, 403);
  const page = await res.text();
  assert.match(page, /The person has not shared this with you/);
  assert.doesNotMatch(page, /1234/);
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id = '${mette}' AND actor_id = '${userId('mia')}'`), '0');
});

test('emergency access in force: a banner, and the log says why', async () => {
  const mette = personId('Mette Larsen');
  const lars = userId('lars');
  const org = sql("SELECT id FROM organisation WHERE name = 'Lægehuset Søndermarken'");
  const now = Date.now() * 1000;
  sql(`INSERT INTO emergency_access (person_id, id, user_id, org_id, reason, started_us, expires_us) VALUES ('${mette}', '${'e'.repeat(32)}', '${lars}', '${org}', 'test', ${now}, ${now + 3600e6})`);
  const l = client(srv);
  await l.signIn('lars');
  const res = await l.get(`/persons/${mette}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /You have emergency access until \d{1,2}[:.]\d{2}; the person will see this\./);
  assert.doesNotMatch(page, /\/emergency"/);
  assert.equal(sql(`SELECT why FROM access_log WHERE person_id = '${mette}' AND actor_id = '${lars}' AND what = 'basic'`), 'emergency');
  sql(`DELETE FROM emergency_access WHERE id = '${'e'.repeat(32)}'`);
});

test('registering: bad input is refused with the input kept, nothing written', async () => {
  const k = await karin();
  const before = sql('SELECT count(*) FROM person');
  const audits = sql("SELECT count(*) FROM audit WHERE action = 'person.create'");
  await k.get('/persons/new');
  const cases = [
    [{ display_name: '   ' }, 'display_name', /Please fill this in/],
    [{ display_name: 'x'.repeat(100 * 1024) }, 'display_name', /too long/],
    [{ display_name: 'Ok', birth_date: '2001-02-30' }, 'birth_date', /real date/],
    [{ display_name: 'Ok', birth_date: '31-01-1990' }, 'birth_date', /real date/],
    [{ display_name: 'Ok', birth_date: '2999-01-01' }, 'birth_date', /in the future/],
    [{ display_name: 'Ok', national_id: '0101 90 1234x' }, 'national_id', /digits and dashes/],
    [{ display_name: 'Ok', email: 'not an address' }, 'email', /e-mail address/],
    [{ display_name: 'Ok', lang: 'fr' }, 'lang', /choose one/],
    [{ display_name: 'Ok', time_zone: 'Mars/Olympus' }, 'time_zone', /time zone/],
  ];
  for (const [form, field, msg] of cases) {
    const res = await k.post('/persons/new', { time_zone: 'Europe/Copenhagen', phone: '+45 1234 5678', ...form });
    assert.equal(res.status, 422, JSON.stringify(form).slice(0, 80));
    const page = await res.text();
    assert.match(page, new RegExp(`id="e-${field}"`), field);
    assert.match(page, msg);
    assert.match(page, /value="\+45 1234 5678"/, 'input kept');
  }
  // Bytes that are not text: invalid UTF-8 and NUL.
  for (const bad of ['M%FFette', 'Me%00tte']) {
    const res = await k.request('POST', '/persons/new', {
      body: `csrf=${k.csrf}&display_name=${bad}&pronouns=she%2Fher&time_zone=Europe%2FCopenhagen`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 422, bad);
    const page = await res.text();
    assert.match(page, /id="e-display_name"/);
    assert.match(page, /value="she\/her"/);
  }
  assert.equal(sql('SELECT count(*) FROM person'), before);
  assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'person.create'"), audits);
});

test('registering works: karin is coordinator, it is audited and logged', async () => {
  const k = await karin();
  const id = await register(k, {
    display_name: 'Kim', preferred_name: '', pronouns: 'they/them', birth_date: '1988-07-14',
    phone: '+45 2222 3333', email: 'kim@example.org', lang: 'da', national_id: '140788-4321',
  });
  assert.equal(sql(`SELECT display_name, pronouns, birth_date, lang, national_id, preferred_name IS NULL, version FROM person WHERE id = '${id}'`),
    'Kim|they/them|1988-07-14|da|140788-4321|1|1');
  assert.equal(sql(`SELECT o.name FROM person p JOIN organisation o ON o.id = p.home_org_id WHERE p.id = '${id}'`), OSTERBRO);
  assert.equal(sql(`SELECT role, from_date, until_date IS NULL FROM network_member WHERE person_id = '${id}' AND user_id = '${userId('karin')}'`),
    `coordinator|${today()}|1`);
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'person.create' AND target = 'person:${id}'`), '1');
  assert.equal(sql(`SELECT what, action, why FROM access_log WHERE person_id = '${id}' AND action = 'write'`), 'basic|write|duty');
  const page = await (await k.get(`/persons/${id}`)).text();
  assert.match(page, /<h1>Kim <span class="small">\(they\/them\)<\/span><\/h1>/);
  assert.match(page, /•••• 4321/);
  const list = people(await (await k.get('/persons?q=kim')).text());
  assert.deepEqual(list.map((p) => p.id), [id]);
  // A professional registers as professional.
  const p = client(srv);
  await p.signIn('peter');
  const id2 = await register(p, { display_name: 'Anonym' });
  assert.equal(sql(`SELECT role FROM network_member WHERE person_id = '${id2}'`), 'professional');
  assert.equal(sql(`SELECT time_zone FROM person WHERE id = '${id2}'`), 'Europe/Copenhagen');
});

test('two people change the same record: 409, both versions shown, nothing lost', async () => {
  const a = await karin();
  const id = await register(a, { display_name: 'Konflikt Testesen' });
  const b = await karin();
  const formOf = (html) => {
    const f = {};
    for (const m of html.matchAll(/<input id="f-([a-z_]+)" name="[a-z_]+" type="[a-z]+"(?: value="([^"]*)")?/g)) f[m[1]] = (m[2] || '').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    f.version = /name="version" value="(\d+)"/.exec(html)[1];
    f.about_me_lang = 'da';
    return f;
  };
  const fa = formOf(await (await a.get(`/persons/${id}/edit`)).text());
  const fb = formOf(await (await b.get(`/persons/${id}/edit`)).text());
  assert.equal(fa.version, '1');
  let res = await a.post(`/persons/${id}/edit`, { ...fa, about_me: 'Theirs: I like walking by the sea.', phone: '111' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${id}?saved=1`);
  res = await b.post(`/persons/${id}/edit`, { ...fb, about_me: 'Mine: mornings are hard.', phone: '222' });
  assert.equal(res.status, 409);
  const page = await res.text();
  assert.match(page, /Someone else changed these details meanwhile/);
  assert.match(page, /Theirs: I like walking by the sea\./, 'what is saved now');
  assert.match(page, /Mine: mornings are hard\./, 'what I typed');
  assert.match(page, /value="222"/);
  assert.match(page, /name="version" value="2"/);
  assert.equal(sql(`SELECT about_me, phone, version FROM person WHERE id = '${id}'`), 'Theirs: I like walking by the sea.|111|2');
  // Saving again, knowingly, wins.
  const fb2 = formOf(page);
  res = await b.post(`/persons/${id}/edit`, { ...fb2, about_me: 'Mine: mornings are hard.' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT about_me, phone, version FROM person WHERE id = '${id}'`), 'Mine: mornings are hard.|222|3');
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'person.update' AND target = 'person:${id}'`), '2');
  assert.match(sql(`SELECT detail FROM audit WHERE action = 'person.update' AND target = 'person:${id}' ORDER BY seq LIMIT 1`), /about_me/);
  assert.doesNotMatch(sql(`SELECT detail FROM audit WHERE target = 'person:${id}'`), /sea|mornings/, 'no values in the audit');
  // Edits are logged as writes by duty.
  assert.ok(Number(sql(`SELECT count(*) FROM access_log WHERE person_id = '${id}' AND action = 'write'`)) >= 3);
  // A bad edit: 422 with the text kept, nothing written.
  res = await b.post(`/persons/${id}/edit`, { ...fb2, version: '3', about_me: 'x'.repeat(5000) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="e-about_me"/);
  assert.equal(sql(`SELECT version FROM person WHERE id = '${id}'`), '3');
});

test('mette writes what she wants people to know about her', async () => {
  const mette = personId('Mette Larsen');
  const m = client(srv);
  await m.signIn('mette');
  const view = await m.get(`/persons/${mette}`);
  assert.equal(view.status, 200);
  assert.match(await view.text(), new RegExp(`href="/persons/${mette}/edit"`));
  const form = await (await m.get(`/persons/${mette}/edit`)).text();
  assert.match(form, /What I want people to know about me/);
  const version = /name="version" value="(\d+)"/.exec(form)[1];
  const nid = sql(`SELECT national_id FROM person WHERE id = '${mette}'`);
  const res = await m.post(`/persons/${mette}/edit`, {
    display_name: 'Mette Larsen', preferred_name: 'Mette', time_zone: 'Europe/Copenhagen', lang: 'da',
    national_id: nid, version,
    about_me: 'Jeg har det bedst om morgenen.\r\n\r\nRing før I kommer <ikke bare>.', about_me_lang: 'da',
  });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT about_me_lang, version FROM person WHERE id = '${mette}'`), `da|${Number(version) + 1}`);
  const page = await (await m.get(`/persons/${mette}`)).text();
  assert.match(page, /In your own words/);
  assert.match(page, /<div class="own-words" lang="da"><p>Jeg har det bedst om morgenen\.<\/p><p>Ring før I kommer &lt;ikke bare&gt;\.<\/p><\/div>/);
  // Her own reading and writing is not in her access log.
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id = '${mette}' AND actor_id = '${userId('mette')}'`), '0');
  // Peter reads it with its language tag.
  const p = client(srv);
  await p.signIn('peter');
  assert.match(await (await p.get(`/persons/${mette}`)).text(), /In their own words.*lang="da"/s);
  // Another person cannot open her edit page.
  const s = client(srv);
  await s.signIn('sam');
  assert.equal((await s.get(`/persons/${mette}/edit`)).status, 404);
  assert.equal((await s.get(`/persons/${mette}`)).status, 404);
});
