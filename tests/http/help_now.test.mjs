// Help now, end to end: the person's page shows their own crisis contacts
// and their country's helplines (with sources); they choose whom to tell;
// a press queues one message to each chosen member in the same write and
// the outbox delivers them, by e-mail to a real mail server on loopback
// (aiosmtpd) and by text message to an SMS hook; the press stands at the
// top of the coordinator's caseload until someone acknowledges it, and
// the person then sees who saw it. Staff without access see nothing;
// someone else's id answers like a missing one; forms need their CSRF
// token; bad input on the choice is answered at the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, client } from '../lib/rosc.mjs';
import { startSmtpSink } from '../lib/smtp.mjs';

let srv, sink, mette, jan, lone, cafe, birgitMember, janMember, karinId;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const signIn = (name, opts) => client(srv).signIn(name, undefined, opts);
const posts = [];
const smsServer = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    posts.push(JSON.parse(body));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"accepted":true}');
  });
});

before(async () => {
  sink = await startSmtpSink();
  await new Promise((res) => smsServer.listen(0, '127.0.0.1', res));
  srv = await startRosc({ env: {
    ROSC_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    ROSC_SMTP_STARTTLS: 'off',
    ROSC_MAIL_FROM: 'rosc <rosc@example.org>',
    ROSC_SMS_URL: `http://127.0.0.1:${smsServer.address().port}/send`,
    ROSC_SMS_TOKEN: 'sms-token-1',
  } });
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  karinId = sql("SELECT id FROM user_account WHERE username='karin'");
  birgitMember = sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
    WHERE m.person_id = ${q(mette)} AND u.username = 'birgit'`);
  janMember = sql(`SELECT id FROM network_member WHERE person_id = ${q(jan)} LIMIT 1`);
  // Two more people in Mette's network: one with an e-mail address, one
  // with no way to reach them.
  lone = 'a0000000000000000000000000000001';
  cafe = 'a0000000000000000000000000000002';
  sql(`INSERT INTO network_member (person_id, id, role, name, contact, from_date, created_us)
    VALUES (${q(mette)}, ${q(lone)}, 'supporter', 'Lone Holm', 'lone@example.org', '2025-01-01', 1)`);
  sql(`INSERT INTO network_member (person_id, id, role, name, contact, from_date, created_us)
    VALUES (${q(mette)}, ${q(cafe)}, 'supporter', 'Ole', 'ask at the café', '2025-01-01', 1)`);
});
after(async () => {
  await srv.stop();
  await sink.stop();
  smsServer.close();
});

async function until(ok, what, ms = 20000) {
  for (let t = 0; t < ms; t += 100) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-3000)}`);
}

test('the page: her own crisis contacts, and the helplines of her country with their sources', async () => {
  const c = await signIn('mette');
  let res = await c.get('/me/help');
  assert.equal(res.status, 200);
  let page = await res.text();
  assert.match(page, /href="tel:\+4522334455"/, 'her sponsor, one tap away');
  assert.match(page, /Jonas \(sponsor\)/);
  assert.match(page, /data-country="DK"/);
  assert.match(page, /Alkolinjen/);
  assert.match(page, /href="tel:80200500"/);
  assert.match(page, /href="tel:112"/);
  assert.match(page, /Alkohol &amp; Samfund/, 'the source is named');
  assert.doesNotMatch(page, /Zelfmoordpreventie/);
  // The button is on every page she sees; on her home page, in its first
  // section, "Need help now?".
  for (const path of [`/persons/${mette}/plan`, '/me/consents', '/me/help/people', '/me/log']) {
    page = await (await c.get(path)).text();
    assert.match(page, /class="help-now" href="\/me\/help"/, path);
  }
  page = await (await c.get('/me')).text();
  assert.match(/<section class="crisis-now"[\s\S]*?<\/section>/.exec(page)[0], /href="\/me\/help"/);
  // Jan, in the Netherlands, gets the Dutch lines.
  const j = await signIn('jan');
  page = await (await j.get('/me/help')).text();
  assert.match(page, /data-country="NL"/);
  assert.match(page, /113 Zelfmoordpreventie/);
  assert.match(page, /href="tel:113"/);
  assert.match(page, /De Luisterlijn/);
  assert.doesNotMatch(page, /Alkolinjen/);
  // Nothing chosen: how to set it up; a press still reaches the team.
  assert.match(page, /href="\/me\/help\/people"/);
  assert.doesNotMatch(page, /help-now-tell/);
  assert.match(page, /help-now-team/);
  res = await j.post('/me/help', {});
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT notified FROM help_now_press WHERE person_id = ${q(jan)}`), '0');
  assert.equal(sql(`SELECT count(*) FROM outbox WHERE person_id = ${q(jan)} AND about LIKE 'help_now:%'`), '0');
  assert.match(await (await j.get('/me/help?told=1')).text(), /class="notice" role="status"/);
  const daan = await signIn('daan');
  assert.match(await (await daan.get('/persons')).text(), new RegExp(`/persons/${jan}/help-now/[0-9a-f]{32}/seen`));
  // Staff have no such button.
  const karin = await signIn('karin', { orgName: 'Socialforvaltningen Østerbro' });
  page = await (await karin.get('/persons')).text();
  assert.doesNotMatch(page, /class="help-now"/);
  assert.doesNotMatch(page, /help-now-open/, 'no press of hers');
  assert.equal((await karin.get('/me/help')).status, 404);
});

test('choosing whom to tell: bad input is answered at the field, nothing written', async () => {
  const c = await signIn('mette');
  let page = await (await c.get('/me/help/people')).text();
  assert.match(page, new RegExp(`name="m_${birgitMember}" id="m_${birgitMember}" value="1" checked`),
    'the demo: Birgit is told');
  assert.match(page, new RegExp(`name="m_${cafe}"[^>]* disabled`), 'no way to reach Ole');
  const before = sql(`SELECT count(*) FROM help_now_notify WHERE person_id = ${q(mette)}`);
  // Not a choice.
  let res = await c.post('/me/help/people', { [`m_${lone}`]: 'yes' });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.match(page, new RegExp(`id="m_${lone}-error"`));
  // Someone who cannot be reached.
  res = await c.post('/me/help/people', { [`m_${cafe}`]: '1' });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.match(page, new RegExp(`id="m_${cafe}-error"`));
  assert.match(page, new RegExp(`id="m_${cafe}"[^>]* aria-invalid="true"`));
  // Invalid UTF-8.
  await c.get('/me/help/people');
  res = await c.request('POST', '/me/help/people', {
    body: `csrf=${encodeURIComponent(c.csrf)}&m_${lone}=%FF`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.ok([400, 422].includes(res.status), String(res.status));
  // Without the CSRF token.
  res = await c.post('/me/help/people', { [`m_${lone}`]: '1' }, { csrf: 'nope' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT count(*) FROM help_now_notify WHERE person_id = ${q(mette)}`), before);
  // Someone else's member id is not read at all: nothing of Jan's is added.
  await c.get('/me/help/people');
  res = await c.post('/me/help/people', {
    [`m_${birgitMember}`]: '1', [`m_${lone}`]: '1', [`m_${janMember}`]: '1',
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/me/help/people?saved=1');
  assert.equal(sql(`SELECT count(*) FROM help_now_notify WHERE person_id = ${q(mette)}`), '2');
  assert.equal(sql(`SELECT count(*) FROM help_now_notify WHERE member_id = ${q(janMember)}`), '0');
});

let press;

test('a press reaches the chosen people through the outbox, with minimal words', async () => {
  const c = await signIn('mette');
  let page = await (await c.get('/me/help')).text();
  assert.match(page, /help-now-tell/);
  // Without the token: nothing.
  let res = await c.post('/me/help', {}, { csrf: 'nope' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT count(*) FROM help_now_press WHERE person_id = ${q(mette)}`), '0');
  await c.get('/me/help');
  res = await c.post('/me/help', {});
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/me\/help\?told=1/);
  const [id, notified, ack] = sql(`SELECT id, notified, coalesce(acknowledged_by, '-')
    FROM help_now_press WHERE person_id = ${q(mette)}`).split('|');
  press = id;
  assert.equal(notified, '2');
  assert.equal(ack, '-');
  const rows = sql(`SELECT channel, recipient FROM outbox WHERE about = ${q('help_now:' + id)}
    ORDER BY channel`).split('\n').map((l) => l.split('|'));
  assert.deepEqual(rows, [['email', 'lone@example.org'], ['sms', '+4540506070']]);
  assert.equal(sql(`SELECT count(*) FROM outbox WHERE about = ${q('help_now:' + id)}
    AND body LIKE '%Mette%'`), '2');
  for (const word of ['alko', 'alcohol', 'drug', 'stof', 'behandling', 'treatment']) {
    assert.equal(sql(`SELECT count(*) FROM outbox WHERE about = ${q('help_now:' + id)}
      AND lower(body) LIKE ${q('%' + word + '%')}`), '0', word);
  }
  page = await (await c.get('/me/help?told=1')).text();
  assert.match(page, /Lone Holm/);
  assert.match(page, /Birgit Larsen/);
  // They arrive: by e-mail to the mail server, by text to the SMS hook.
  await until(() => sink.messages().some((m) => m.rcpt_tos.includes('lone@example.org')), 'the e-mail');
  const m = sink.messages().find((x) => x.rcpt_tos.includes('lone@example.org'));
  assert.match(m.subject, /Mette/);
  await until(() => posts.some((p) => p.to === '+4540506070'), 'the text message');
  assert.match(posts.find((p) => p.to === '+4540506070').text ?? JSON.stringify(posts[0]), /Mette/);
});

test('it stands at the top of the caseload until acknowledged; then the person sees who saw it', async () => {
  const karin = await signIn('karin', { orgName: 'Socialforvaltningen Østerbro' });
  const logged = () => Number(sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(mette)}
    AND actor_id = ${q(karinId)} AND what = 'basic' AND action = 'read'`));
  const before = logged();
  let page = await (await karin.get('/persons')).text();
  assert.match(page, /class="help-now-open"/);
  const top = page.indexOf('help-now-open'), table = page.indexOf('<table');
  assert.ok(top > 0 && (table < 0 || top < table), 'above the list');
  assert.match(page, new RegExp(`action="/persons/${mette}/help-now/${press}/seen"`));
  assert.ok(logged() > before, 'the read lands in her access log');

  // Staff outside her network see nothing, and cannot acknowledge.
  const lars = await signIn('lars');
  page = await (await lars.get('/persons')).text();
  assert.doesNotMatch(page, /help-now-open/);
  let res = await lars.post(`/persons/${mette}/help-now/${press}/seen`, {});
  assert.equal(res.status, 404);
  // Family in her network do not get it on a list either.
  const birgit = await signIn('birgit');
  res = await birgit.post(`/persons/${mette}/help-now/${press}/seen`, {});
  assert.equal(res.status, 404);
  // Someone else's id, and an unknown press, answer like missing.
  res = await karin.post(`/persons/${jan}/help-now/${press}/seen`, {});
  assert.equal(res.status, 404);
  res = await karin.post(`/persons/${mette}/help-now/b0000000000000000000000000000000/seen`, {});
  assert.equal(res.status, 404);
  // Without the token.
  res = await karin.post(`/persons/${mette}/help-now/${press}/seen`, {}, { csrf: 'nope' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT coalesce(acknowledged_by, '-') FROM help_now_press WHERE id = ${q(press)}`), '-');

  await karin.get('/persons');
  res = await karin.post(`/persons/${mette}/help-now/${press}/seen`, {});
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/persons');
  assert.equal(sql(`SELECT acknowledged_by FROM help_now_press WHERE id = ${q(press)}`), karinId);
  page = await (await karin.get('/persons')).text();
  assert.doesNotMatch(page, /help-now-open/);

  const c = await signIn('mette');
  page = await (await c.get('/me/help')).text();
  assert.match(page, /class="seen">Karin /);
});

test('the API: presses for the person and her staff, acknowledging with problem+json refusals', async () => {
  const json = (c, method, path) => c.request(method, path, {
    headers: { Accept: 'application/json', 'X-CSRF-Token': c.csrf, 'Content-Type': 'application/json' },
    body: method === 'POST' ? '{}' : undefined,
  });
  const c = await signIn('mette');
  let res = await json(c, 'GET', `/api/v1/persons/${mette}/help-now`);
  assert.equal(res.status, 200);
  let doc = await res.json();
  assert.equal(doc.presses.length, 1);
  assert.equal(doc.presses[0].id, press);
  assert.equal(doc.presses[0].seen_by.name, 'Karin Madsen');
  // She cannot acknowledge her own.
  res = await json(c, 'POST', `/api/v1/persons/${mette}/help-now/${press}/seen`);
  assert.equal(res.status, 404);
  const karin = await signIn('karin', { orgName: 'Socialforvaltningen Østerbro' });
  res = await json(karin, 'GET', `/api/v1/persons/${mette}/help-now`);
  assert.equal(res.status, 200);
  // Again: the first who saw it stays.
  res = await json(karin, 'POST', `/api/v1/persons/${mette}/help-now/${press}/seen`);
  assert.equal(res.status, 200);
  doc = await res.json();
  assert.equal(doc.seen_by.id, karinId);
  // Someone else's id, a stranger, an unknown press: missing, as problem+json.
  for (const [who, path] of [[karin, `/api/v1/persons/${jan}/help-now`],
    [await signIn('lars'), `/api/v1/persons/${mette}/help-now`],
    [karin, `/api/v1/persons/${mette}/help-now/b0000000000000000000000000000000/seen`]]) {
    res = await json(who, path.endsWith('/seen') ? 'POST' : 'GET', path);
    assert.equal(res.status, 404, path);
    assert.match(res.headers.get('content-type'), /application\/problem\+json/);
    assert.equal((await res.json()).code, 'not_found');
  }
});

test('her data download holds whom she tells and her presses', async () => {
  const c = await signIn('mette');
  const res = await c.get('/api/v1/me/data');
  assert.equal(res.status, 200);
  const doc = JSON.parse(await res.text());
  assert.equal(doc.help_now.tell_members.length, 2);
  assert.ok(doc.help_now.tell_members.includes(lone));
  assert.equal(doc.help_now.presses.length, 1);
  assert.equal(doc.help_now.presses[0].people_told, 2);
  assert.equal(doc.help_now.presses[0].seen_by.name, 'Karin Madsen');
});
