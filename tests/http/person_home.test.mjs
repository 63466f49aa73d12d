// The person's own pages: home (/me), who looked at my record (/me/log),
// notes about me (/me/notes), what I share (/me/consents) and the download
// of everything rosc holds about them (/api/v1/me/data).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { spawnSync } from '../lib/run.mjs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, roscCli } from '../lib/rosc.mjs';

// The server's clock is a file the tests move; it starts at the real now,
// because the demo world is built relative to the real now.
const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
let now = Math.floor(Date.now() / 1000) * 1000;
function setNow(ms) { now = ms; writeFileSync(clockFile, new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z') + '\n'); }
const DAY = 24 * 60 * 60 * 1000;

let srv;
before(async () => {
  setNow(now);
  srv = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  // The pages are checked in English; one test below checks Danish dates.
  sql("UPDATE user_account SET lang = 'en' WHERE username IN ('mette', 'jan', 'sam')");
});
after(async () => { await srv.stop(); rmSync(clockDir, { recursive: true, force: true }); });

function sql(q) {
  return srv.sql(q);
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const userId = (u) => sql(`SELECT id FROM user_account WHERE username = ${q(u)}`);
const orgId = (name) => sql(`SELECT id FROM organisation WHERE name = ${q(name)}`);
const personOf = (u) => sql(`SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = ${q(u)}`);
const memberId = (person, u) => sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id WHERE m.person_id = ${q(person)} AND u.username = ${q(u)}`);
const newId = () => randomBytes(16).toString('hex');
const us = (ms) => BigInt(ms) * 1000n;

/** One access log row's VALUES, as the server would write it (behind its
 * back: outside the access log's chain, which `rosc audit verify` notices). */
function accessRow(person, actor, org, what, action, why, atMs) {
  const day = new Date(atMs).toISOString().slice(0, 10);
  return `(${q(person)}, ${us(atMs)}, ${q(newId())}, ${q(actor)}, ${org ? q(org) : 'NULL'}, ${q(what)}, ${q(action)}, ${q(why)}, ${q(day)})`;
}

/** Writes access log rows (each an accessRow()) in one statement. */
function logAccessRows(rows) {
  sql(`INSERT INTO access_log (person_id, at_us, id, actor_id, actor_org_id, what, action, why, day)
       VALUES ${rows.join(', ')}`);
}

function logAccess(...args) {
  logAccessRows([accessRow(...args)]);
}

/** Everything about a person's consent, to show that nothing changed. */
function consentState(person) {
  return sql(`SELECT id, coalesce(recipient_org_id, '-'), coalesce(recipient_member_id, '-'), category, granted,
      coalesce(until_date, '-'), coalesce(purpose, '-'), version FROM consent WHERE person_id = ${q(person)} ORDER BY id`)
    + '|' + sql(`SELECT count(*) FROM consent_history WHERE person_id = ${q(person)}`)
    + '|' + sql('SELECT count(*) FROM audit');
}

const main = (html) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)[1];
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

/** A POST body sent as it is (for %FF and the like), with the client's CSRF token. */
function rawPost(c, path, body) {
  return c.request('POST', path, {
    body: `csrf=${encodeURIComponent(c.csrf)}&${body}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

async function signedIn(user, opts) {
  return client(srv).signIn(user, undefined, opts);
}

test('staff and family get 404 on every page of a person\'s own', async () => {
  for (const user of ['peter', 'anne', 'admin', 'birgit']) {
    const c = await signedIn(user);
    for (const path of ['/me', '/me/log', '/me/notes', '/me/consents', '/me/data', '/api/v1/me/data']) {
      const res = await c.get(path);
      assert.equal(res.status, 404, `${user} ${path}`);
    }
    await c.get('/me/settings');   // a page with the CSRF token
    const before = sql('SELECT count(*) FROM consent_history');
    const res = await c.post('/me/consents', { recipient_org: orgId('Boligselskabet Havnely'), category: 'basic', granted: 'no' });
    assert.equal(res.status, 404, `${user} POST /me/consents`);
    assert.equal(sql('SELECT count(*) FROM consent_history'), before);
  }
  // Nobody signed in is sent to sign in.
  const anon = client(srv);
  const res = await anon.get('/me');
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/signin\?next=/);
});

test('mette\'s home: her own words, her people now, and the ways to her record', async () => {
  const mette = await signedIn('mette');
  const res = await mette.get('/me');
  assert.equal(res.status, 200);
  const html = main(await res.text());
  assert.match(html, /<h1>Hello, Mette<\/h1>/);
  assert.match(html, /<p class="own-words" lang="da">Jeg er mor til to/);
  assert.match(html, new RegExp(`href="/persons/${personOf('mette')}/edit"`));
  // The network now, with how to reach them; Mia left in January.
  for (const name of ['Peter Sørensen', 'Karin Madsen', 'Henrik Lund', 'Jonas Kristensen', 'Birgit Larsen', 'Lone \\(nabo\\)']) {
    assert.match(html, new RegExp(`<h3>${name}</h3>`), name);
  }
  assert.match(html, /Boligselskabet Havnely/);
  assert.match(html, /\+45 70 20 30 40/);
  assert.doesNotMatch(html, /Mia Nielsen/);
  for (const href of ['/me/log', '/me/consents', '/me/notes', '/me/data']) {
    assert.match(html, new RegExp(`href="${href.replace(/\//g, '\\/')}"`));
  }
  assert.doesNotMatch(html, /emergency access/i);
  assert.doesNotMatch(html, /style=|<script/);
  // Her own reading is never in the access log.
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE actor_id = ${q(userId('mette'))}`), '0');
});

test('notes about me: what they wrote, and that a note is kept back without what it says', async () => {
  const mette = await signedIn('mette');
  const res = await mette.get('/me/notes');
  assert.equal(res.status, 200);
  const html = main(await res.text());
  assert.match(html, /<p class="own-words" lang="da">Mette fortalte, at hun har sovet bedre/);
  assert.match(html, /This note is kept back from you for now/);
  assert.doesNotMatch(html, /Oplysninger fra tredjepart/);
  assert.doesNotMatch(html, /Oplysninger om en anden person/);
});

test('who looked at my record: a real read by peter lands in her log', async () => {
  const mette = personOf('mette');
  const peter = await signedIn('peter');
  for (let i = 0; i < 3; i++) assert.equal((await peter.get(`/persons/${mette}`)).status, 200);
  const rows = sql(`SELECT what || ' ' || action || ' ' || why FROM access_log WHERE person_id = ${q(mette)} AND actor_id = ${q(userId('peter'))}`);
  assert.match(rows, /^basic read duty$/m);
  const html = text(main(await (await (await signedIn('mette')).get('/me/log')).text()));
  assert.match(html, /Peter Sørensen, Behandlingscenter Nordlys Opened your basic details 3 times — last on [^(]+\(their work with you\)/);
});

test('who looked at my record: grouped in plain words, newest first, every entry below', async () => {
  const sam = personOf('sam');
  const peter = userId('peter'), lars = userId('lars');
  const nordlys = orgId('Behandlingscenter Nordlys'), laege = orgId('Lægehuset Søndermarken');
  for (let i = 0; i < 3; i++) logAccess(sam, peter, nordlys, 'notes', 'read', 'duty', now - 3 * DAY + i * 60000);
  logAccess(sam, peter, nordlys, 'list', 'list', 'duty', now - 5 * DAY);
  logAccess(sam, lars, laege, 'basic', 'read', 'emergency', now - 2 * DAY);
  logAccess(sam, peter, nordlys, 'plan', 'read', 'duty', now - 200 * DAY);   // older than 90 days

  const c = await signedIn('sam');
  const res = await c.get('/me/log');
  assert.equal(res.status, 200);
  const page = main(await res.text());
  const recent = text(/<section aria-labelledby="s-recent">([\s\S]*?)<\/section>/.exec(page)[1]);
  assert.match(recent, /Peter Sørensen, Behandlingscenter Nordlys/);
  // In Sam's time zone (Copenhagen), not the server's.
  const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(now - 3 * DAY + 2 * 60000));
  assert.match(recent, new RegExp(`Read your journal notes 3 times — last on [^(]*${hhmm} \\(their work with you\\)`));
  assert.match(recent, /Saw you in their list once — on /);
  assert.match(recent, /Lars Bech, Lægehuset Søndermarken Opened your basic details once — on .*\(emergency access\)/);
  assert.ok(recent.indexOf('Lars Bech') < recent.indexOf('Peter Sørensen'), 'newest first');
  assert.doesNotMatch(recent, /Opened your plan/);                 // more than 90 days ago
  // Every entry, including the old one, in the person's own time zone.
  const every = /<section aria-labelledby="every">([\s\S]*?)<\/section>/.exec(page)[1];
  assert.equal((every.match(/<li>/g) || []).length, 6);
  assert.match(text(every), /Peter Sørensen ?, Behandlingscenter Nordlys: Opened your plan \(their work with you\)/);
  assert.match(text(every), /Lars Bech ?, Lægehuset Søndermarken: Opened your basic details \(emergency access\)/);
});

test('dates are in the person\'s language', async () => {
  sql("UPDATE user_account SET lang = 'da' WHERE username = 'sam'");
  try {
    const c = await signedIn('sam');
    const html = main(await (await c.get('/me/log')).text());
    assert.match(html, /(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) den \d+\. [a-z]+ \d{4}/);
  } finally {
    sql("UPDATE user_account SET lang = 'en' WHERE username = 'sam'");
  }
});

test('every entry: 50 a page, keyset paging, none lost where entries share an instant', async () => {
  const jan = personOf('jan');
  const daan = userId('daan'), debrug = orgId('Herstelhuis De Brug');
  // 121 entries, three per instant, so page ends fall inside a group.
  const base = now - 10 * DAY;
  logAccessRows(Array.from({ length: 121 }, (_, i) => accessRow(jan, daan, debrug, 'basic', 'read', 'duty', base + Math.floor(i / 3) * 1000)));
  const c = await signedIn('jan');
  let path = '/me/log', total = 0, pages = 0;
  const seen = new Set();
  while (path) {
    const res = await c.get(path);
    assert.equal(res.status, 200);
    const html = main(await res.text());
    const every = /<section aria-labelledby="every">([\s\S]*?)<\/section>/.exec(html)[1];
    const rows = (every.match(/<li>/g) || []).length;
    assert.ok(rows <= 50, `${rows} rows on a page`);
    total += Math.max(rows, 0);
    pages++;
    const next = /href="(\/me\/log\?before=\d+)#every"/.exec(every);
    if (next) { assert.ok(!seen.has(next[1])); seen.add(next[1]); }
    path = next ? next[1] : null;
    assert.ok(pages < 10);
  }
  assert.equal(total, 121);
  assert.equal(pages, 3);
  for (const bad of ['abc', '-1', '1e5', '99999999999999999999']) {
    assert.equal((await c.get(`/me/log?before=${bad}`)).status, 400, bad);
  }
});

test('withdrawing consent counts from the very next request', async () => {
  const mette = personOf('mette');
  const havnely = orgId('Boligselskabet Havnely');
  const henrik = await signedIn('henrik');
  const first = await henrik.get(`/persons/${mette}`);
  assert.equal(first.status, 200);
  assert.match(sql(`SELECT why FROM access_log WHERE person_id = ${q(mette)} AND actor_id = ${q(userId('henrik'))}`), /consent/);

  const c = await signedIn('mette');
  await c.get('/me/consents');
  const res = await c.post('/me/consents', { recipient_org: havnely, category: 'basic', granted: 'no' });
  assert.equal(res.status, 303);
  const denied = await henrik.get(`/persons/${mette}`);
  assert.equal(denied.status, 403);
  assert.match(await denied.text(), /Not shared with you/);

  // Given again, it counts again at once.
  await c.get('/me/consents');
  assert.equal((await c.post('/me/consents', { recipient_org: havnely, category: 'basic', granted: 'yes' })).status, 303);
  assert.equal((await henrik.get(`/persons/${mette}`)).status, 200);
});

test('what I share: withdraw and give, with the notice, the history and the audit chain', async () => {
  const mette = personOf('mette');
  const osterbro = orgId('Socialforvaltningen Østerbro');
  const birgit = memberId(mette, 'birgit');
  const c = await signedIn('mette');
  let res = await c.get('/me/consents');
  assert.equal(res.status, 200);
  let html = main(await res.text());
  assert.match(html, /Your main organisation, Behandlingscenter Nordlys, keeps your record/);
  for (const name of ['Socialforvaltningen Østerbro', 'Boligselskabet Havnely', 'Recovery-fællesskabet Broen', 'Jonas Kristensen', 'Birgit Larsen']) {
    assert.match(html, new RegExp(`<h3 id="h-[0-9a-f]{32}">${name}</h3>`), name);
  }
  assert.doesNotMatch(html, /<h3[^>]*>Behandlingscenter Nordlys</);   // works by duty
  assert.doesNotMatch(html, /<h3[^>]*>Jobcenter Amager</);            // no longer in the network, nothing shared
  assert.doesNotMatch(html, /<h3[^>]*>Lone/);                         // no account
  assert.match(html, /People without a rosc account cannot see your record: Lone \(nabo\)/);
  // Every control is labelled; ids are unique.
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'unique ids');
  for (const m of html.matchAll(/<(?:input|select) (?![^>]*type="hidden")[^>]*id="([^"]+)"/g)) {
    assert.match(html, new RegExp(`<label for="${m[1]}">`), m[1]);
  }
  const historyBefore = (/<ol class="history">([\s\S]*?)<\/ol>/.exec(html)[1].match(/<li>/g) || []).length;

  // Withdraw: Østerbro no longer sees the plan.
  res = await c.post('/me/consents', { recipient_org: osterbro, category: 'plan', granted: 'no' });
  assert.equal(res.status, 303);
  const loc = res.headers.get('location');
  assert.equal(loc, `/me/consents?saved=no&cat=plan&to=${osterbro}#r-${osterbro}`);
  html = main(await (await c.get(loc.replace(/#.*/, ''))).text());
  assert.match(html, /<p class="notice" role="status">Saved: Socialforvaltningen Østerbro no longer sees “My plan and goals”.<\/p>/);
  assert.match(sql(`SELECT granted, version FROM consent WHERE person_id = ${q(mette)} AND recipient_org_id = ${q(osterbro)} AND category = 'plan'`), /^0\|2$/);
  assert.match(text(html), /You stopped sharing “My plan and goals” with Socialforvaltningen Østerbro\./);

  // Give: appointments to Birgit, until a day, for a purpose.
  const until = new Date(now + 30 * DAY).toISOString().slice(0, 10);
  res = await c.post('/me/consents', { recipient_member: birgit, category: 'appointments', granted: 'yes', until, purpose: 'Følges til lægen' });
  assert.equal(res.status, 303);
  html = main(await (await c.get(res.headers.get('location').replace(/#.*/, ''))).text());
  assert.match(html, /Saved: Birgit Larsen can now see “Appointments” until /);
  assert.match(text(html), /You shared “Appointments” with Birgit Larsen until .*What for: Følges til lægen/);
  assert.equal(sql(`SELECT granted || '|' || until_date || '|' || purpose FROM consent WHERE person_id = ${q(mette)} AND recipient_member_id = ${q(birgit)} AND category = 'appointments'`), `1|${until}|Følges til lægen`);
  const historyAfter = (/<ol class="history">([\s\S]*?)<\/ol>/.exec(html)[1].match(/<li>/g) || []).length;
  assert.equal(historyAfter, historyBefore + 2, 'each change is in the history');

  // Saying the same again changes nothing.
  const state = consentState(mette);
  res = await c.post('/me/consents', { recipient_member: birgit, category: 'appointments', granted: 'yes', until, purpose: 'Følges til lægen' });
  assert.equal(res.status, 303);
  assert.equal(consentState(mette), state);

  // Both changes are in the audit chain, and the chain holds.
  const audit = sql(`SELECT action || ' ' || target || ' ' || detail FROM audit WHERE action LIKE 'consent.%' ORDER BY seq`);
  assert.match(audit, new RegExp(`consent\\.withdraw person:${mette} category=plan recipient=organisation:${osterbro}`));
  assert.match(audit, new RegExp(`consent\\.grant person:${mette} category=appointments recipient=member:${birgit}`));
  assert.match(sql('SELECT action FROM audit'), /consent\.withdraw/);
  const verify = roscCli(['audit', 'verify', '--db', srv.db]);
  assert.match(verify.stdout, /The audit log is intact/, verify.stderr);
  // The entries logAccess() put in behind rosc's back are found for what
  // they are: not in the access log's chain.
  assert.equal(verify.status, 1);
  assert.match(verify.stderr, /The first problem: an entry was added under link 1\./);
  // Her own changes leave no access-log entry.
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE actor_id = ${q(userId('mette'))}`), '0');
});

test('bad input is refused with 422, the input kept, and nothing changed', async () => {
  const mette = personOf('mette');
  const jan = personOf('jan');
  const havnely = orgId('Boligselskabet Havnely');
  const c = await signedIn('mette');
  await c.get('/me/consents');
  const state = consentState(mette);
  const janState = consentState(jan);
  const cases = [
    ['unknown organisation', { recipient_org: newId(), category: 'basic', granted: 'yes' }],
    ['an organisation not in her network', { recipient_org: orgId('Herstelhuis De Brug'), category: 'basic', granted: 'yes' }],
    ['her home organisation', { recipient_org: orgId('Behandlingscenter Nordlys'), category: 'basic', granted: 'yes' }],
    ['an organisation she left', { recipient_org: orgId('Jobcenter Amager'), category: 'plan', granted: 'yes' }],
    ['someone from another person\'s network', { recipient_member: memberId(jan, 'daan'), category: 'basic', granted: 'yes' }],
    ['no recipient', { category: 'basic', granted: 'yes' }],
    ['two recipients', { recipient_org: havnely, recipient_member: memberId(mette, 'birgit'), category: 'basic', granted: 'yes' }],
    ['not an id', { recipient_org: 'havnely', category: 'basic', granted: 'yes' }],
    ['invalid category', { recipient_org: havnely, category: 'everything', granted: 'yes' }],
    ['invalid granted', { recipient_org: havnely, category: 'notes', granted: 'maybe' }],
    ['until in the past', { recipient_org: havnely, category: 'notes', granted: 'yes', until: '2020-01-01', purpose: 'Min bolig og mere' }],
    ['until not a date', { recipient_org: havnely, category: 'notes', granted: 'yes', until: '2026-02-30' }],
    ['purpose too long', { recipient_org: havnely, category: 'notes', granted: 'yes', purpose: 'x'.repeat(201) }],
  ];
  for (const [why, form] of cases) {
    const res = await c.post('/me/consents', form);
    assert.equal(res.status, 422, why);
    const html = await res.text();
    assert.match(html, /Nothing was changed/, why);
    assert.equal(consentState(mette), state, why);
  }
  // The input is kept, tied to its field.
  let res = await c.post('/me/consents', { recipient_org: havnely, category: 'notes', granted: 'yes', until: '2020-01-01', purpose: 'Min bolig og mere' });
  let html = main(await res.text());
  assert.match(html, new RegExp(`<a href="#f-until-${havnely}">This day has passed`));
  assert.match(html, new RegExp(`id="f-until-${havnely}" name="until" aria-describedby="h-until-${havnely} e-until-${havnely}" aria-invalid="true" value="2020-01-01"`));
  assert.match(html, /value="Min bolig og mere"/);
  assert.match(html, /<option value="notes" selected>/);
  res = await c.post('/me/consents', { recipient_org: newId(), category: 'basic', granted: 'yes' });
  assert.match(await res.text(), /not in your network/);
  // Bytes that are not UTF-8.
  for (const body of [`recipient_org=${havnely}&category=basic&granted=no&purpose=%FF`,
    `recipient_org=${havnely}&category=%FF&granted=no`,
    `recipient_org=${havnely}%FF&category=basic&granted=no`,
    `recipient_org=${havnely}&category=basic&granted=no%FF`,
    `recipient_org=${havnely}&category=basic&granted=yes&until=2030-01-0%FF`]) {
    res = await rawPost(c, '/me/consents', body);
    assert.equal(res.status, 422, body);
    assert.equal(consentState(mette), state, body);
  }
  assert.equal(consentState(jan), janState);
  // A form without the CSRF token changes nothing either.
  res = await c.post('/me/consents', { recipient_org: havnely, category: 'basic', granted: 'no' }, { csrf: 'x' });
  assert.equal(res.status, 403);
  assert.equal(consentState(mette), state);
});

test('another person cannot change mette\'s consent, nor see her recipients', async () => {
  const mette = personOf('mette');
  const jan = await signedIn('jan');
  await jan.get('/me/consents');
  const state = consentState(mette);
  for (const form of [
    { recipient_org: orgId('Boligselskabet Havnely'), category: 'basic', granted: 'no' },
    { recipient_member: memberId(mette, 'birgit'), category: 'basic', granted: 'no' },
  ]) {
    const res = await jan.post('/me/consents', form);
    assert.equal(res.status, 422);
  }
  assert.equal(consentState(mette), state);
  const html = await (await jan.get('/me/consents')).text();
  assert.doesNotMatch(html, /Birgit Larsen|Boligselskabet Havnely/);
});

test('emergency access is at the top of her home for 30 days', async () => {
  const mette = personOf('mette');
  const started = now - 2 * DAY;
  sql(`INSERT INTO emergency_access (person_id, id, user_id, org_id, reason, started_us, expires_us)
       VALUES (${q(mette)}, ${q(newId())}, ${q(userId('lars'))}, ${q(orgId('Lægehuset Søndermarken'))},
       'Fundet bevidstløs i venteværelset <b>', ${us(started)}, ${us(started + 4 * 60 * 60 * 1000)})`);
  let c = await signedIn('mette');
  let html = main(await (await c.get('/me')).text());
  const banner = /<section class="notice emergency"[\s\S]*?<\/section>/.exec(html);
  assert.ok(banner, 'an emergency banner');
  assert.ok(html.indexOf('notice emergency') < html.indexOf('s-words'), 'above everything else');
  assert.match(text(banner[0]), /Lars Bech from Lægehuset Søndermarken opened your record on /);
  assert.match(text(banner[0]), /Their access ended on /);
  assert.match(banner[0], /Their reason: “Fundet bevidstløs i venteværelset &lt;b&gt;”/);
  assert.match(text(banner[0]), /tell Karin Madsen, your coordinator/);
  // Sam's (two weeks ago, from the demo) shows; a month later it does not.
  const sam = await signedIn('sam');
  assert.match(await (await sam.get('/me')).text(), /notice emergency/);
  setNow(now + 20 * DAY);
  try {
    c = await signedIn('mette');
    assert.match(await (await c.get('/me')).text(), /notice emergency/);
    const sam2 = await signedIn('sam');
    assert.doesNotMatch(await (await sam2.get('/me')).text(), /notice emergency/);
  } finally {
    setNow(now - 20 * DAY);
  }
});

test('download my data: one JSON document with everything, notes kept back without their words', async () => {
  const mette = personOf('mette');
  const c = await signedIn('mette');
  const res = await c.get('/api/v1/me/data');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.equal(res.headers.get('content-disposition'), 'attachment; filename="rosc-my-data.json"');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const raw = await res.text();
  const doc = JSON.parse(raw);
  assert.ok(Date.parse(doc.generated_at) > 0);
  assert.equal(doc.record.id, mette);
  assert.equal(doc.record.name, 'Mette Larsen');
  assert.equal(doc.record.national_id, '010190-1234');
  assert.equal(doc.record.home_organisation.name, 'Behandlingscenter Nordlys');
  assert.equal(doc.record.about_me_language, 'da');
  const mia = doc.network.find((m) => m.name === 'Mia Nielsen');
  assert.equal(mia.current, false);
  assert.equal(mia.until, '2026-01-31');
  assert.ok(doc.network.find((m) => m.name === 'Henrik Lund' && m.current && m.organisation.name === 'Boligselskabet Havnely'));
  assert.equal(doc.consents.length, Number(sql(`SELECT count(*) FROM consent WHERE person_id = ${q(mette)}`)));
  assert.ok(doc.consents.find((k) => k.recipient.name === 'Jobcenter Amager' && k.category === 'plan' && k.granted === false));
  assert.equal(doc.consent_history.length, Number(sql(`SELECT count(*) FROM consent_history WHERE person_id = ${q(mette)}`)));
  assert.ok(doc.consent_history.every((h) => h.consent_id && h.version >= 1 && h.changed_at));
  assert.equal(doc.notes.length, 2);
  const kept = doc.notes.find((n) => n.restricted);
  assert.deepEqual(Object.keys(kept).sort(), ['author', 'created', 'id', 'organisation', 'restricted']);
  assert.equal(kept.author.name, 'Peter Sørensen');
  assert.doesNotMatch(raw, /Oplysninger/);
  assert.match(doc.notes.find((n) => !n.restricted).body, /sovet bedre/);
  // Help now: whom she chose to tell (the demo: Birgit), and her presses.
  assert.equal(doc.help_now.tell_members.length, 1);
  assert.ok(doc.network.some((m) => m.id === doc.help_now.tell_members[0]));
  assert.deepEqual(doc.help_now.presses, []);
  // The self-help meetings she keeps in her plan (the demo: one).
  assert.deepEqual(doc.meeting_favourites.map((f) => [f.slug, f.name]), [['dk-online-aften', 'Aftenmødet online']]);
  assert.ok(Date.parse(doc.meeting_favourites[0].saved_at) > 0);
  // Her peer group (the demo: the Tuesday group) and each session she came to.
  assert.deepEqual(doc.peer_groups.memberships.map((g) => g.group), ['Tirsdagsgruppen på Østerbro']);
  assert.equal(doc.peer_groups.attendance.length,
    Number(sql(`SELECT count(*) FROM peer_group_attendance WHERE person_id = ${q(mette)}`)));
  assert.ok(doc.peer_groups.attendance.every((a) => /^\d{4}-\d\d-\d\d$/.test(a.session_on)));
  assert.ok(Array.isArray(doc.emergency_accesses));
  assert.equal(doc.emergency_accesses.length, Number(sql(`SELECT count(*) FROM emergency_access WHERE person_id = ${q(mette)}`)));
  assert.equal(doc.access_log.length, Number(sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(mette)}`)));
  // Every check-in, with craving and use, and the rhythm she chose.
  assert.equal(doc.checkins.length, Number(sql(`SELECT count(*) FROM checkin WHERE person_id = ${q(mette)}`)));
  assert.ok(doc.checkins.every((x) => x.id && x.day && x.mood >= 1 && x.craving >= 0));
  assert.deepEqual(doc.checkin_rhythm, { every_days: 1, remind: true, remind_at: '20:00', channel: 'email', last_reminded_day: null });
  // Sam's log, entries of one instant included, comes whole; and so do
  // more notes and emergency accesses than any page shows.
  const samId = personOf('sam');
  sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 205)
       INSERT INTO note (person_id, id, author_id, author_org_id, body, body_lang, restricted, created_us)
       SELECT ${q(samId)}, '0000000000000000000000000000' || (1000 + i), ${q(userId('peter'))}, ${q(orgId('Behandlingscenter Nordlys'))},
       'Note ' || i, 'en', 0, ${us(now - 300 * DAY)} + i FROM k`);
  sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 101)
       INSERT INTO emergency_access (person_id, id, user_id, org_id, reason, started_us, expires_us)
       SELECT ${q(samId)}, '1111111111111111111111111111' || (1000 + i), ${q(userId('lars'))}, ${q(orgId('Lægehuset Søndermarken'))},
       'Old ' || i, ${us(now - 400 * DAY)} + i, ${us(now - 400 * DAY)} + i + 1000 FROM k`);
  const sam = await signedIn('sam');
  const samDoc = await (await sam.get('/api/v1/me/data')).json();
  assert.equal(samDoc.access_log.length, Number(sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(personOf('sam'))}`)));
  assert.equal(samDoc.record.preferred_name, null);
  assert.equal(samDoc.notes.length, Number(sql(`SELECT count(*) FROM note WHERE person_id = ${q(samId)}`)));
  assert.ok(samDoc.notes.length > 200);
  assert.equal(samDoc.emergency_accesses.length, 102);
  assert.equal(samDoc.emergency_accesses[0].by.name, 'Lars Bech');
  assert.match(samDoc.emergency_accesses[0].reason, /unconscious/);   // newest first
  // Downloading is not in anyone's access log.
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE actor_id IN (${q(userId('mette'))}, ${q(userId('sam'))})`), '0');
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(samId)}`), String(samDoc.access_log.length));
});
