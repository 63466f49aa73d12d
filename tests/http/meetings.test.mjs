// The self-help meeting finder (src/core/meeting.c, src/cmd/meetings.c,
// src/web/meetings.c, src/api/meetings.c): a real Meeting Guide feed (45
// AA meetings around Belleville, Ontario) imported through the command
// line next to the demo's own feed; a bad feed refused with every problem's
// meeting and field and nothing changed; a re-import updating by slug and
// removing what the feed left out; each search filter, in the viewer's
// zone; the API's problems; and the meetings a person keeps in their plan,
// through the door. "Now" is Tuesday 8 December 2026, 11:00 in Copenhagen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, roscCli, ROOT } from '../lib/rosc.mjs';

const NOW = '2026-12-08T10:00:00Z';
const SAMPLES = process.env.ROSC_MEETING_SAMPLES || join(ROOT, '..', 'shared', 'data', 'meetings');
const ONTARIO = join(SAMPLES, 'sample-feed-ontario.json');
const UNKNOWN = '0123456789abcdef0123456789abcdef';
const work = mkdtempSync(join(tmpdir(), 'rosc-meetings-'));

let srv, mette;
const sql = (q) => srv.sql(q);
const num = (q) => Number(sql(q));
const importFeed = (file, ...more) => roscCli(['import', 'meetings', file, ...more, '--db', srv.db],
  { env: { ROSC_TEST_NOW: NOW } });
const feed = () => JSON.parse(readFileSync(ONTARIO, 'utf8'));
const writeFeed = (name, list) => {
  const f = join(work, name);
  writeFileSync(f, JSON.stringify(list));
  return f;
};

before(async () => {
  srv = await startRosc({ env: { ROSC_TEST_NOW: NOW } });
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => {
  await srv.stop();
  rmSync(work, { recursive: true, force: true });
});

const anon = () => client(srv, { headers: { 'Accept-Language': 'en' } });
const signIn = async (u, opts) => { const c = client(srv); await c.signIn(u, undefined, opts); return c; };
const json = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.json();
};
/** Every meeting the API finds, following next links 7 at a time. */
async function all(c, query) {
  const items = [];
  let next = `/api/v1/meetings?limit=7${query ? `&${query}` : ''}`;
  while (next) {
    const doc = await json(c, next);
    items.push(...doc.items);
    next = doc.next;
  }
  return items;
}
const local = (iso, tz) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: tz, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { day: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday),
    date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
};

test('the demo feed is there, and the Ontario feed imports through the command line (45 meetings)', () => {
  assert.equal(num("SELECT count(*) FROM meeting WHERE source = 'rosc-demo'"), 11);
  const r = importFeed(ONTARIO, '--timezone', 'America/Toronto');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 45 meetings .*45 new, 0 updated, 0 unchanged, 0 removed/);
  assert.equal(num("SELECT count(*) FROM meeting WHERE source = 'sample-feed-ontario'"), 45);
  // Slugs are numbers in this feed; kept as text.
  assert.equal(sql("SELECT name FROM meeting WHERE source = 'sample-feed-ontario' AND slug = '8'"), 'Tweed Group');
  assert.equal(num("SELECT count(*) FROM meeting WHERE time_zone = 'America/Toronto'"), 45);
  // The same again changes nothing.
  const again = importFeed(ONTARIO, '--timezone', 'America/Toronto');
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /0 new, 0 updated, 45 unchanged, 0 removed/);
});

test('a bad feed is refused with each problem\'s meeting and field, and nothing changes', () => {
  const before = sql("SELECT id, name, days, fingerprint FROM meeting ORDER BY id");
  const list = feed();
  list[3].day = 9;
  list[5].time = '25:00';
  delete list[7].name;
  list[9].conference_url = 'javascript:alert(1)';
  list[10].slug = list[11].slug;
  list[1].name = 'Changed, but not to be kept';
  const r = importFeed(writeFeed('bad.json', list), '--source', 'sample-feed-ontario');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /meeting 3 \(slug \d+\): day: must be 0 to 6/);
  assert.match(r.stderr, /meeting 5 \(slug \d+\): time: must be a time such as 19:30/);
  assert.match(r.stderr, /meeting 7 \(slug \d+\): name: is required/);
  assert.match(r.stderr, /meeting 9 \(slug \d+\): conference_url: must be a web address/);
  assert.match(r.stderr, /meeting 11: slug: is used by another meeting in the feed/);
  assert.match(r.stderr, /nothing was imported/);
  assert.equal(sql("SELECT id, name, days, fingerprint FROM meeting ORDER BY id"), before);
  // Not JSON at all, or not a list.
  const notList = importFeed(writeFeed('obj.json', { name: 'x' }));
  assert.equal(notList.status, 1);
  assert.match(notList.stderr, /the feed is not a JSON list of meetings/);
});

test('a re-import of the same source updates by slug and removes what the feed no longer lists', async () => {
  const mc = await signIn('mette');
  const list = feed();
  const gone = list[44];
  const goneId = sql(`SELECT id FROM meeting WHERE source = 'sample-feed-ontario' AND slug = '${gone.slug}'`);
  const keptId = sql(`SELECT id FROM meeting WHERE source = 'sample-feed-ontario' AND slug = '${list[0].slug}'`);
  // Mette keeps the one that is about to go: her favourite goes with it.
  await mc.get(`/meetings/${goneId}`);
  assert.equal((await mc.post(`/persons/${mette}/plan/meetings`, { meeting: goneId })).status, 303);
  assert.equal(num(`SELECT count(*) FROM meeting_favourite WHERE meeting_id = '${goneId}'`), 1);
  list[0].name = 'Tweed Group (moved)';
  list[0].location = 'The new hall';
  list.length = 44;
  const r = importFeed(writeFeed('sample-feed-ontario.json', list), '--timezone', 'America/Toronto');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /0 new, 1 updated, 43 unchanged, 1 removed/);
  assert.equal(sql(`SELECT name FROM meeting WHERE id = '${keptId}'`), 'Tweed Group (moved)', 'the same row, by slug');
  assert.equal(num(`SELECT count(*) FROM meeting WHERE id = '${goneId}'`), 0);
  assert.equal(num(`SELECT count(*) FROM meeting_favourite WHERE meeting_id = '${goneId}'`), 0);
  // Another source's meetings are left alone.
  assert.equal(num("SELECT count(*) FROM meeting WHERE source = 'rosc-demo'"), 11);
  assert.equal((await anon().get(`/meetings/${goneId}`)).status, 404);
});

test('anyone may search, and each filter finds what it should, in the viewer\'s zone', async () => {
  const c = anon();
  const total = num('SELECT count(*) FROM meeting WHERE days > 0');
  const every = await all(c, '');
  assert.equal(every.length, total);
  assert.equal(new Set(every.map((m) => m.id)).size, total, 'no meeting twice');
  for (let i = 1; i < every.length; i++) assert.ok(every[i - 1].next_start <= every[i].next_start, 'soonest first');

  const names = (items) => items.map((m) => m.name).sort();
  assert.deepEqual(names(await all(c, 'q=utrecht')), ['AA Utrecht Zondagochtend', 'NA Utrecht Vrijdagavond']);
  assert.deepEqual(names(await all(c, 'q=N%C3%98RREBRO')), ['Nørrebro AA-gruppe'], 'folded, Danish letters too');
  assert.equal((await all(c, 'q=belleville')).length,
    num("SELECT count(*) FROM meeting WHERE lower(city) = 'belleville'"));
  assert.deepEqual(names(await all(c, 'online=1')), ['Aftenmødet online', 'Avondmeeting online']);
  assert.deepEqual(names(await all(c, 'type=W')), ['AA Utrecht Zondagochtend']);
  assert.equal((await all(c, 'language=nl')).length, num("SELECT count(*) FROM meeting WHERE types LIKE '% NL %'"));
  assert.ok((await all(c, 'language=nl')).every((m) => m.types.includes('NL')));
  assert.equal((await all(c, 'type=SP')).length, num("SELECT count(*) FROM meeting WHERE types LIKE '% SP %'"));

  // Day and time are the viewer's: a Toronto meeting on Monday evening is
  // on Tuesday night in Copenhagen.
  const mon = feed().find((m) => m.day === 1 && m.time >= '18:00');
  const tor = await all(c, 'day=1&tz=America/Toronto');
  const cph = await all(c, 'day=2&tz=Europe/Copenhagen');
  assert.ok(tor.some((m) => m.slug === String(mon.slug)));
  assert.ok(cph.some((m) => m.slug === String(mon.slug)));
  assert.ok(!(await all(c, 'day=1&tz=Europe/Copenhagen')).some((m) => m.slug === String(mon.slug)));
  for (const m of tor) assert.equal(local(m.next_start, 'America/Toronto').day, 1);
  assert.equal(tor.filter((m) => m.source === 'sample-feed-ontario').length,
    num("SELECT count(*) FROM meeting WHERE source = 'sample-feed-ontario' AND (days / 2) % 2 = 1"));
  for (const [q, lo, hi] of [['part=morning', 300, 720], ['part=afternoon', 720, 1020],
    ['part=evening', 1020, 1440], ['from=18&to=20', 1080, 1200], ['from=19:30', 1170, 1440]]) {
    const found = await all(c, `${q}&tz=Europe/Copenhagen`);
    assert.ok(found.length > 0, q);
    for (const m of found) {
      const t = local(m.next_start, 'Europe/Copenhagen').minute;
      assert.ok(t >= lo && t < hi, `${q}: ${m.name} at ${t}`);
    }
  }
  // Tonight: today in Copenhagen, from 17:00; both online meetings among them.
  const tonight = await all(c, 'tonight=1&tz=Europe/Copenhagen');
  for (const m of tonight) {
    const l = local(m.next_start, 'Europe/Copenhagen');
    assert.equal(l.date, '2026-12-08');
    assert.ok(l.minute >= 17 * 60);
  }
  assert.ok(tonight.some((m) => m.name === 'Aftenmødet online'));
  assert.ok(tonight.some((m) => m.name === 'Nørrebro AA-gruppe'));
  assert.deepEqual(names(await all(c, 'day=today&online=1&tz=Europe/Copenhagen')),
    ['Aftenmødet online', 'Avondmeeting online']);

  // The page: a GET form, the same filters, no sign-in.
  const res = await c.get('/meetings?online=1&day=today');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<form method="get" action="\/meetings"/);
  assert.match(html, /Aftenmødet online/);
  assert.match(html, /Avondmeeting online/);
  assert.doesNotMatch(html, /Tweed/);
  assert.match(html, /<time datetime="2026-12-08T19:00:00Z">/);
  assert.equal((await c.get('/meetings?day=9')).status, 400);
  // 20 a page; "More meetings" continues without repeating one.
  const cardIds = (h) => [...h.matchAll(/<a class="card-link" href="\/meetings\/([0-9a-f]{32})"/g)].map((m) => m[1]);
  const first = await (await c.get('/meetings')).text();
  assert.equal(cardIds(first).length, 20);
  const more = /rel="next" href="([^"]+)"/.exec(first)[1].replace(/&amp;/g, '&');
  const second = cardIds(await (await c.get(more)).text());
  assert.equal(second.length, 20);
  assert.equal(new Set([...cardIds(first), ...second]).size, 40);
  // One meeting: your time, the video link, the map link, the types.
  const online = sql("SELECT id FROM meeting WHERE slug = 'dk-online-aften'");
  const page = await (await c.get(`/meetings/${online}`)).text();
  assert.match(page, /href="https:\/\/meet\.example\.org\/aa-aftenmoedet"/);
  assert.match(page, /Open, Discussion, Danish, Online/);
  assert.match(page, /Sign in to save this meeting to your plan/);
  const norrebro = sql("SELECT id FROM meeting WHERE slug = 'dk-norrebro-tirsdag'");
  assert.match(await (await c.get(`/meetings/${norrebro}`)).text(), /openstreetmap\.org\/\?mlat=55\.68930/);
  // Seen from Toronto (a staff member's organisation there would be the
  // same): 13:00 there, 19:00 in Copenhagen.
  const tz = await json(c, `/api/v1/meetings?q=n%C3%B8rrebro&tz=America/Toronto`);
  assert.equal(local(tz.items[0].next_start, 'America/Toronto').minute, 13 * 60);
  assert.equal((await c.get(`/meetings/${UNKNOWN}`)).status, 404);
  assert.equal((await c.get('/meetings/not-an-id')).status, 404);
});

test('the API answers a bad parameter with 400 and a stable code', async () => {
  const c = anon();
  for (const [q, field] of [['day=9', 'day'], ['day=monday', 'day'], ['from=25', 'from'],
    ['from=20&to=19', 'to'], ['part=noon', 'part'], ['language=xx', 'language'],
    ['online=maybe', 'online'], ['tonight=2', 'tonight'], ['limit=0', 'limit'], ['limit=101', 'limit'],
    ['after=nonsense', 'after'], ['tz=Mars%2FBase', 'tz'], ['type=a%20b', 'type'], [`q=${'x'.repeat(201)}`, 'q']]) {
    const res = await c.get(`/api/v1/meetings?${q}`);
    assert.equal(res.status, 400, q);
    assert.match(res.headers.get('content-type'), /application\/problem\+json/);
    const doc = await res.json();
    assert.equal(doc.code, 'invalid_format', q);
    assert.deepEqual(doc.errors, [{ field, code: 'invalid_format' }], q);
  }
  const res = await c.get(`/api/v1/meetings/${UNKNOWN}`);
  assert.equal(res.status, 404);
  assert.equal((await res.json()).code, 'not_found');
});

test('a person keeps meetings in their plan: their own choice, read through the door', async () => {
  const mc = await signIn('mette');
  const norrebro = sql("SELECT id FROM meeting WHERE slug = 'dk-norrebro-tirsdag'");
  // The demo's favourite is there already.
  let mine = await (await mc.get(`/persons/${mette}/plan/meetings`)).text();
  assert.match(mine, /Aftenmødet online/);
  // The meeting page offers the button; saving it lands in My meetings.
  let page = await (await mc.get(`/meetings/${norrebro}`)).text();
  assert.match(page, /Save to my plan/);
  let res = await mc.post(`/persons/${mette}/plan/meetings`, { meeting: norrebro });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/meetings/${norrebro}?saved=1`);
  page = await (await mc.get(`/meetings/${norrebro}?saved=1`)).text();
  assert.match(page, /This meeting is in your plan/);
  mine = await (await mc.get(`/persons/${mette}/plan/meetings`)).text();
  assert.match(mine, /Nørrebro AA-gruppe/);
  // Saving twice keeps one.
  assert.equal((await mc.post(`/persons/${mette}/plan/meetings`, { meeting: norrebro })).status, 303);
  assert.equal(num(`SELECT count(*) FROM meeting_favourite WHERE person_id = '${mette}' AND meeting_id = '${norrebro}'`), 1);
  // Unknown, malformed or missing meetings are missing pages; nothing is written.
  const n = num(`SELECT count(*) FROM meeting_favourite WHERE person_id = '${mette}'`);
  for (const form of [{ meeting: UNKNOWN }, { meeting: 'x' }, {}, { meeting: '\u00ff'.repeat(40) }]) {
    assert.equal((await mc.post(`/persons/${mette}/plan/meetings`, form)).status, 404, JSON.stringify(form));
  }
  // Bytes that are not UTF-8 name no meeting either; a search with them is a 400.
  res = await mc.request('POST', `/persons/${mette}/plan/meetings`, {
    body: Buffer.concat([Buffer.from(`csrf=${encodeURIComponent(mc.csrf)}&meeting=`), Buffer.from([0xff, 0xfe])]),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 404);
  assert.equal((await mc.get('/meetings?q=%FF%FE')).status, 400);
  assert.equal((await mc.get('/api/v1/meetings?q=%FF%FE')).status, 400);
  assert.equal(num(`SELECT count(*) FROM meeting_favourite WHERE person_id = '${mette}'`), n);
  // The download holds them.
  const data = await json(mc, '/api/v1/me/data');
  assert.deepEqual(data.meeting_favourites.map((f) => f.slug).sort(), ['dk-norrebro-tirsdag', 'dk-online-aften']);

  // Someone else's id answers like a missing one; staff cannot save for her.
  const jan = await signIn('jan');
  const lars = await signIn('lars');
  for (const c of [jan, lars]) {
    assert.equal((await c.get(`/persons/${mette}/plan/meetings`)).status, 404);
    assert.equal((await c.post(`/persons/${mette}/plan/meetings`, { meeting: norrebro })).status, 404);
    assert.equal((await c.get(`/api/v1/persons/${mette}/meeting-favourites`)).status, 404);
  }
  const peter = await signIn('peter');
  assert.equal((await peter.post(`/persons/${mette}/plan/meetings`, { meeting: norrebro })).status, 404);
  // Her home organisation reads them, and the read is in her log.
  const logged = () => num(`SELECT count(*) FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id = '${mette}' AND u.username = 'peter' AND l.what = 'plan'`);
  const before = logged();
  const theirs = await (await peter.get(`/persons/${mette}/plan/meetings`)).text();
  assert.match(theirs, /Nørrebro AA-gruppe/);
  assert.doesNotMatch(theirs, /Remove /, 'only she removes them');
  assert.equal(logged(), before + 1);
  // Family without consent to the plan are told it is not shared.
  const birgit = await signIn('birgit');
  sql(`DELETE FROM consent WHERE person_id = '${mette}' AND category = 'plan'`);
  res = await birgit.get(`/persons/${mette}/plan/meetings`);
  assert.equal(res.status, 403);
  assert.doesNotMatch(await res.text(), /Nørrebro AA-gruppe/);
  res = await birgit.get(`/api/v1/persons/${mette}/meeting-favourites`);
  assert.equal(res.status, 403);

  // The API: read, and her own changes only.
  const api = (c, path, body) => c.request('POST', path, {
    body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
  });
  const list = await json(mc, `/api/v1/persons/${mette}/meeting-favourites`);
  assert.equal(list.items.length, 2);
  res = await api(peter, `/api/v1/persons/${mette}/meeting-favourites`, { meeting_id: norrebro });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).errors[0].code, 'only_the_person');
  assert.equal((await api(lars, `/api/v1/persons/${mette}/meeting-favourites`, { meeting_id: norrebro })).status, 404);
  res = await api(mc, `/api/v1/persons/${mette}/meeting-favourites`, { meeting_id: UNKNOWN });
  assert.equal(res.status, 422);
  assert.deepEqual((await res.json()).errors[0], { field: 'meeting_id', code: 'not_found' });
  res = await api(mc, `/api/v1/persons/${mette}/meeting-favourites`, {});
  assert.equal(res.status, 422);
  res = await api(mc, `/api/v1/persons/${mette}/meeting-favourites/${norrebro}/remove`, {});
  assert.equal(res.status, 200);
  assert.equal((await res.json()).items.length, 1);
  assert.equal((await api(mc, `/api/v1/persons/${mette}/meeting-favourites/${norrebro}/remove`, {})).status, 404);
  res = await api(mc, `/api/v1/persons/${mette}/meeting-favourites`, { meeting_id: norrebro });
  assert.equal(res.status, 201);
  assert.equal((await res.json()).items.length, 2);
  // Removing on the page.
  await mc.get(`/persons/${mette}/plan/meetings`);
  res = await mc.post(`/persons/${mette}/plan/meetings/${norrebro}/remove`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/meetings?removed=1`);
  assert.doesNotMatch(await (await mc.get(`/persons/${mette}/plan/meetings`)).text(), /Nørrebro AA-gruppe/);
  assert.equal(num(`SELECT count(*) FROM audit WHERE action = 'plan.meeting.remove'`) >= 1, true);
});
