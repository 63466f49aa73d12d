// The service directory (src/web/services.c, src/api/services.c,
// src/web/admin_services.c) on the demo directory (src/cmd/demo_directory.c,
// 42 services). Counts are checked against the database itself, not
// against the search code. "Now" is Tuesday 3 March 2026, 11:00 in
// Copenhagen and Amsterdam.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

const NOW = '2026-03-03T10:00:00Z';
const NOW_US = Date.parse(NOW) * 1000;
let srv;
const sql = (q) => srv.sql(q);
const num = (q) => Number(sql(q));
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

before(async () => {
  srv = await startRosc({ env: { ROSC_TEST_NOW: NOW } });
  sql("UPDATE user_account SET lang = 'en'");
  // The demo counted its places at load time; make that two hours before "now".
  sql(`UPDATE service SET capacity_updated_us = ${NOW_US - 2 * 3600 * 1e6} WHERE capacity_updated_us IS NOT NULL`);
});
after(async () => { await srv.stop(); });

const anon = () => client(srv, { headers: { 'Accept-Language': 'en' } });
const cards = (html) => [...html.matchAll(/<li class="card service"><h3><a href="\/services\/([^"]+)"/g)].map((m) => m[1]);
const json = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.json();
};
/** Every id the API finds for a query, following next links. */
async function all(c, query) {
  const ids = [];
  let next = `/api/v1/services?limit=7${query ? `&${query}` : ''}`;
  while (next) {
    const doc = await json(c, next);
    ids.push(...doc.items.map((s) => s.id));
    next = doc.next;
  }
  return ids;
}

test('the public directory needs no sign-in and finds every active service', async () => {
  const c = anon();
  const res = await c.get('/services');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<form method="get" action="\/services"/);
  assert.equal(cards(html).length, 20, 'the first page holds 20');
  assert.match(html, /rel="next" href="\/services\?after=[0-9a-f]+"/);
  const ids = await all(c, '');
  assert.equal(ids.length, num("SELECT count(*) FROM service WHERE status IN ('active','temporarily closed')"));
  assert.equal(ids.length, 42);
  assert.equal(new Set(ids).size, ids.length, 'no service twice');
});

test('each filter finds what the database holds', async () => {
  const c = anon();
  const cases = [
    ['stage=treatment', "SELECT count(*) FROM service WHERE stage='treatment'"],
    ['stage=prevention', "SELECT count(*) FROM service WHERE stage='prevention'"],
    ['domain=housing', "SELECT count(*) FROM service WHERE domains LIKE '%,housing,%'"],
    ['lang=nl', "SELECT count(*) FROM service_language WHERE code='nl'"],
    ['video=1', 'SELECT count(*) FROM service WHERE video=1'],
    ['capacity=1', 'SELECT count(*) FROM service WHERE capacity_available > 0'],
    ['open_now=1', "SELECT count(DISTINCT service_id) FROM dir_schedule WHERE byday='TU' AND opens_at <= '11:00' AND (closes_at > '11:00' OR closes_at = '23:59')"],
    ['stage=treatment&lang=nl&capacity=1', "SELECT count(*) FROM service s WHERE stage='treatment' AND capacity_available > 0 AND EXISTS (SELECT 1 FROM service_language l WHERE l.service_id=s.id AND code='nl')"],
  ];
  for (const [query, count] of cases) {
    const want = num(count);
    assert.ok(want > 0, `${query}: the demo has some`);
    assert.equal((await all(c, query)).length, want, query);
    const html = await (await c.get(`/services?${query}`)).text();
    assert.equal(cards(html).length, Math.min(want, 20), `/services?${query}`);
  }
  // free text: words anywhere in name, description or organisation
  const ids = await all(c, 'q=nordlys');
  assert.deepEqual(ids.sort(), sql("SELECT id FROM service WHERE organization_id='demo-org-nordlys' ORDER BY id").split('\n'));
  assert.deepEqual(await all(c, `q=${encodeURIComponent('Afrusning abstinens')}`), ['demo-svc-afrusning']);
  // open now moves with the clock: at 03:00 on a Wednesday only the round-the-clock ones
  const html = await (await c.get('/services?q=zzzz-nothing')).text();
  assert.match(html, /No service matches all of that/);
  assert.equal(cards(html).length, 0);
});

test('paging through the pages has no duplicates and no gaps', async () => {
  const c = anon();
  const seen = [];
  let path = '/services?stage=recovery_support';
  while (path) {
    const html = await (await c.get(path)).text();
    seen.push(...cards(html));
    const m = /rel="next" href="([^"]+)"/.exec(html);
    path = m ? m[1].replaceAll('&amp;', '&') : null;
  }
  const want = sql("SELECT id FROM service WHERE stage='recovery_support'").split('\n');
  assert.equal(seen.length, want.length);
  assert.deepEqual([...seen].sort(), [...want].sort());
});

test('a service page says everything a person needs; an unknown id is a 404', async () => {
  const c = anon();
  const html = await (await c.get('/services/demo-svc-nordlys-ambulant')).text();
  assert.match(html, /<h1>Ambulant alkoholbehandling<\/h1>/);
  assert.match(html, /Behandlingscenter Nordlys/);
  assert.match(html, /Alle over 18 år med bopæl i Region Hovedstaden/);   // who it is for
  assert.match(html, /Gratis/);                                           // fees
  assert.match(html, /href="tel:\+4533445566"/);
  assert.match(html, /Nørre Allé 12/);
  assert.match(html, /<th scope="row">Monday<\/th><td>08:30–18:00/);
  assert.match(html, /<th scope="row">Saturday<\/th><td>closed/);
  assert.match(html, /Open now/);
  assert.match(html, /4 of 40 places free · <time datetime="[^"]+"[^>]*>updated 2 hours ago/);
  assert.match(html, /href="https:\/\/nordlys.example.dk"/);
  assert.match(html, /by video/);
  const missing = await c.get('/services/no-such-service');
  assert.equal(missing.status, 404);
  assert.equal((await c.get('/services/..%2Fetc')).status, 404);
  const bad = await c.get('/services?stage=castles');
  assert.equal(bad.status, 400);
});

test('the API answers HSDS-shaped JSON with keyset paging and problem+json errors', async () => {
  const c = anon();
  const doc = await json(c, '/api/v1/services?stage=treatment&limit=3');
  assert.equal(doc.items.length, 3);
  assert.match(doc.next, /^\/api\/v1\/services\?stage=treatment&limit=3&after=[0-9a-f]+$/);
  const s = await json(c, '/api/v1/services/demo-svc-nordlys-ambulant');
  for (const k of ['id', 'name', 'alternate_name', 'description', 'url', 'email', 'status',
    'eligibility_description', 'fees_description', 'application_process', 'organization',
    'languages', 'service_at_locations', 'phones', 'schedules', 'service_capacity', 'x_rosc']) {
    assert.ok(k in s, `a service has ${k}`);
  }
  assert.deepEqual(s.organization, { id: 'demo-org-nordlys', name: 'Behandlingscenter Nordlys', website: 'https://nordlys.example.dk' });
  assert.deepEqual(s.languages.map((l) => l.code), ['da', 'en']);
  assert.equal(s.service_at_locations[0].location.addresses[0].address_1, 'Nørre Allé 12');
  assert.equal(s.phones[0].number, '+45 33 44 55 66');
  assert.deepEqual(s.schedules[0], { id: s.schedules[0].id, freq: 'WEEKLY', byday: 'MO', opens_at: '08:30', closes_at: '18:00', timezone: 'Europe/Copenhagen', description: null });
  assert.equal(s.service_capacity[0].available, 4);
  assert.equal(s.service_capacity[0].maximum, 40);
  assert.match(s.service_capacity[0].updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.equal(s.x_rosc.stage, 'treatment');
  assert.deepEqual(s.x_rosc.domains, ['substance_use', 'physical_health', 'mental_health']);
  assert.equal(s.x_rosc.video, true);
  assert.equal(s.x_rosc.response_days, 3);

  const res = await c.get('/api/v1/services/no-such-service');
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal((await res.json()).code, 'not_found');
  for (const [query, field] of [['stage=castles', 'stage'], ['domain=x', 'domain'], ['lang=DA', 'lang'],
    ['video=maybe', 'video'], ['capacity=2', 'capacity'], ['open_now=x', 'open_now'], ['limit=0', 'limit'],
    ['limit=101', 'limit'], ['limit=ten', 'limit'], ['after=zz', 'after'], ['after=0a', 'after'],
    [`q=${'x'.repeat(201)}`, 'q']]) {
    const r = await c.get(`/api/v1/services?${query}`);
    assert.equal(r.status, 400, query);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    const p = await r.json();
    assert.equal(p.code, 'invalid_format', query);
    assert.deepEqual(p.errors, [{ field, code: 'invalid_format' }], query);
  }
  const index = await json(c, '/api/v1/');
  assert.equal(index.links.services, '/api/v1/services');
});

test('a page of the API holds each service\'s own document, whatever the page size', async () => {
  // A page reads its services' details together, twenty at a time
  // (src/store/directory.c): nothing may land on the wrong service.
  const c = anon();
  for (const limit of [1, 20, 21, 100]) {
    const doc = await json(c, `/api/v1/services?limit=${limit}`);
    assert.equal(doc.items.length, Math.min(limit, 42));
    for (const item of doc.items) {
      const own = await json(c, `/api/v1/services/${item.id}`);
      assert.deepEqual(item, own, `${item.id} at limit=${limit}`);
      assert.equal(own.phones.length, num(`SELECT count(*) FROM dir_phone WHERE service_id = ${q(item.id)}`));
      assert.deepEqual(own.languages.map((l) => l.code),
        sql(`SELECT code FROM service_language WHERE service_id = ${q(item.id)} ORDER BY code`).split('\n').filter(Boolean));
      assert.equal(own.service_at_locations.length,
        num(`SELECT count(*) FROM service_at_location WHERE service_id = ${q(item.id)}`));
    }
  }
  // The cards on the page show each service's own languages.
  const html = await (await c.get('/services')).text();
  const shown = [...html.matchAll(/<li class="card service">([\s\S]*?)<\/li>/g)];
  assert.equal(shown.length, 20);
  let withLangs = 0;
  for (const [, card] of shown) {
    const id = /href="\/services\/([^"]+)"/.exec(card)[1];
    const n = num(`SELECT count(*) FROM service_language WHERE service_id = ${q(id)}`);
    const own = await json(c, `/api/v1/services/${id}`);
    assert.deepEqual([...card.matchAll(/<span lang="([^"]+)">/g)].map((m) => m[1]),
      own.languages.map((l) => l.code), `${id}'s card shows its own languages`);
    if (n > 1) withLangs++;
  }
  assert.ok(withLangs > 0, 'some card on the first page lists its languages');
});

const signIn = async (name) => { const c = client(srv); await c.signIn(name); return c; };
const fields = (html) => {
  const f = {};
  for (const m of html.matchAll(/<input id="f-[^"]*" name="([^"]+)" type="(?:text|number|url|email|time|search)"(?: value="([^"]*)")?/g)) f[m[1]] = (m[2] || '').replaceAll('&amp;', '&');
  for (const m of html.matchAll(/<textarea[^>]* name="([^"]+)"[^>]*>\n?([^<]*)<\/textarea>/g)) f[m[1]] = m[2].replaceAll('&amp;', '&');
  for (const m of html.matchAll(/<select id="f-[^"]*" name="([^"]+)"[^>]*>[\s\S]*?<\/select>/g)) {
    const sel = /<option value="([^"]*)" selected>/.exec(m[0]);
    f[m[1]] = sel ? sel[1] : '';
  }
  for (const m of html.matchAll(/<input type="checkbox" id="f-[^"]*" name="([^"]+)" value="1" checked/g)) f[m[1]] = '1';
  const v = /name="version" value="(\d+)"/.exec(html);
  if (v) f.version = v[1];
  return f;
};

test('an organisation admin sees and edits only their own services, with a version check', async () => {
  const anne = await signIn('anne');
  const list = await (await anne.get('/admin/services')).text();
  const own = [...list.matchAll(/<li class="card service" id="svc-([^"]+)"/g)].map((m) => m[1]).sort();
  const nordlysOrg = sql("SELECT id FROM organisation WHERE name='Behandlingscenter Nordlys'");
  assert.deepEqual(own, sql(`SELECT s.id FROM service s JOIN dir_organization o ON o.id=s.organization_id WHERE o.managed_by=${q(nordlysOrg)} ORDER BY s.id`).split('\n'));
  assert.ok(!own.includes('demo-svc-debrug-klinisch'));

  const path = '/admin/services/demo-svc-nordlys-forsamtale';
  const form = fields(await (await anne.get(path)).text());
  assert.equal(form.name, 'Første samtale om alkohol');
  // Someone saves in between: the form comes back with what anne typed.
  const other = await signIn('anne');
  await other.get(path);
  let res = await other.post(path, { ...form, fees: 'Gratis, også for pårørende' });
  assert.equal(res.status, 303);
  res = await anne.post(path, { ...form, name: 'Første samtale (anne)' });
  assert.equal(res.status, 409);
  let html = await res.text();
  assert.match(html, /Someone else saved this service/);
  assert.match(html, /value="Første samtale \(anne\)"/);
  assert.equal(sql("SELECT fees_description FROM service WHERE id='demo-svc-nordlys-forsamtale'"), 'Gratis, også for pårørende');
  // Saving again is a choice, and it works.
  const again = fields(html);
  res = await anne.post(path, again);
  assert.equal(res.status, 303);
  assert.equal(sql("SELECT name FROM service WHERE id='demo-svc-nordlys-forsamtale'"), 'Første samtale (anne)');

  // Validation at the field, with the input kept.
  const fresh = fields(await (await anne.get(path)).text());
  for (const [change, field, text] of [
    [{ name: '' }, 'name', /Please fill this in/],
    [{ name: 'x'.repeat(201) }, 'name', /too long/],
    [{ response_days: '91' }, 'response_days', /whole number/],
    [{ response_days: 'soon' }, 'response_days', /whole number/],
    [{ capacity_maximum: '-3' }, 'capacity_maximum', /whole number/],
    [{ opens_MO: '25:00' }, 'opens_MO', /HH:MM/],
    [{ url: 'javascript:alert(1)' }, 'url', /https:\/\//],
  ]) {
    res = await anne.post(path, { ...fresh, description: 'kept words', ...change });
    assert.equal(res.status, 422, JSON.stringify(change));
    html = await res.text();
    assert.match(html, new RegExp(`id="e-${field}"[^>]*>[^<]*`), `an error at ${field}`);
    assert.match(html, text);
    assert.match(html, /kept words/);
  }
  // Invalid UTF-8 in a field.
  const body = new URLSearchParams({ csrf: anne.csrf, ...fresh }).toString().replace(/name=[^&]*/, 'name=%FF%FEabc');
  res = await anne.request('POST', path, { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /characters or a form we cannot use/);
  assert.equal(sql("SELECT name FROM service WHERE id='demo-svc-nordlys-forsamtale'"), 'Første samtale (anne)');

  // Another organisation's service answers like a missing one.
  const theirs = await anne.get('/admin/services/demo-svc-debrug-klinisch');
  const none = await anne.get('/admin/services/no-such-service');
  assert.equal(theirs.status, 404);
  assert.equal(none.status, 404);
  assert.equal((await theirs.text()).replaceAll('demo-svc-debrug-klinisch', 'X'),
    (await none.text()).replaceAll('no-such-service', 'X'));
  const tap = await anne.post('/admin/services/demo-svc-debrug-klinisch/capacity', { delta: '1' });
  assert.equal(tap.status, 404);
  res = await anne.post('/admin/services/demo-svc-debrug-klinisch', { ...fresh });
  assert.equal(res.status, 404);
});

test('capacity changes in one tap, with its time', async () => {
  const anne = await signIn('anne');
  const id = 'demo-svc-nordlys-video';
  const before = sql(`SELECT capacity_available || '|' || capacity_updated_us FROM service WHERE id=${q(id)}`).split('|');
  await anne.get('/admin/services');
  let res = await anne.post(`/admin/services/${id}/capacity`, { delta: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/services?updated=${id}#svc-${id}`);
  const after1 = sql(`SELECT capacity_available || '|' || capacity_updated_us FROM service WHERE id=${q(id)}`).split('|');
  assert.equal(Number(after1[0]), Number(before[0]) + 1);
  assert.ok(Number(before[1]) < NOW_US);
  assert.equal(Number(after1[1]), NOW_US, 'the updated time moved to now');
  const html = await (await anne.get('/admin/services')).text();
  assert.match(html, new RegExp(`id="svc-${id}"[\\s\\S]*?${after1[0]} of 10 places free · <time[^>]*>updated just now`));
  await anne.get('/admin/services');
  res = await anne.post(`/admin/services/${id}/capacity`, { set: '99' });
  assert.equal(res.status, 303);
  assert.equal(num(`SELECT capacity_available FROM service WHERE id=${q(id)}`), 10, 'never above the maximum');
  await anne.get('/admin/services');
  res = await anne.post(`/admin/services/${id}/capacity`, { set: 'many' });
  assert.equal(res.status, 400);
  // A volunteer, a peer worker and a person cannot.
  for (const who of ['else', 'jonas', 'mette']) {
    const c = await signIn(who);
    assert.equal((await c.get('/admin/services')).status, 403, who);
  }
  const audit = num("SELECT count(*) FROM audit WHERE action='service.capacity'");
  assert.ok(audit >= 2, 'the taps are audited');
});

test('an admin adds a service; the public finds it', async () => {
  const fleur = await signIn('fleur');
  const page = await (await fleur.get('/admin/services/new')).text();
  assert.match(page, /<option value="demo-org-debrug"/);
  const res = await fleur.post('/admin/services/new', {
    org: 'demo-org-debrug', name: 'Inloopochtend De Brug', description: 'Koffie en een gesprek.',
    status: 'active', stage: 'recovery_support', response_days: '5', capacity_maximum: '12',
    capacity_unit: 'places', domain_social_network: '1', lang_nl: '1', video: '1', share_plan: '1',
    opens_TU: '09:00', closes_TU: '12:00',
  });
  assert.equal(res.status, 303);
  const id = sql("SELECT id FROM service WHERE name='Inloopochtend De Brug'");
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  const c = anon();
  assert.deepEqual(await all(c, 'q=inloopochtend&open_now=1&lang=nl&video=1'), [id]);
  const s = await json(c, `/api/v1/services/${id}`);
  assert.deepEqual(s.x_rosc.shares, ['basic', 'plan']);
  assert.equal(s.schedules[0].timezone, sql("SELECT time_zone FROM organisation WHERE name='Herstelhuis De Brug'"));
  const bad = await fleur.post('/admin/services/new', { org: 'demo-org-nordlys', name: 'Niet van ons', status: 'active', response_days: '5', capacity_unit: 'places' });
  assert.equal(bad.status, 404, 'not under another organisation');
});
