// Messages between a person and their network: access follows network
// membership and consent to "notes" on the very next request (a withdrawn
// consent or a member who left gets 404, as for a thread that is not
// there, and the thread leaves their list), unread counts per
// participant, someone else's thread id answers exactly as a missing one,
// bad input keeps what was typed and writes nothing, every read by
// someone other than the person is in their access log, and the notice
// by e-mail (on a loopback SMTP server) says nothing of the message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, client } from '../lib/rosc.mjs';
import { startSmtpSink } from '../lib/smtp.mjs';

let srv, sink, mette, jan, karinMember;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const count = (table, where = '1=1') => Number(sql(`SELECT count(*) FROM ${table} WHERE ${where}`));
const json = (c, method, path, body) => c.request(method, path, {
  body: typeof body === 'string' || body instanceof Buffer ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': c.csrf },
});
const karinSignIn = () => client(srv).signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
// A 404 page differs only by where the language switch would go back to.
const strip = (html) => html.replace(/name="next" value="[^"]*"/g, '');
const threadId = (location) => /\/messages\/([0-9a-f]{32})/.exec(location)[1];
const logged = (user, what = 'messages') => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u
  ON u.id = l.actor_id WHERE l.person_id = ${q(mette)} AND u.username = ${q(user)} AND l.what = ${q(what)}`));

before(async () => {
  sink = await startSmtpSink();
  srv = await startRosc({ env: {
    ROSC_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    ROSC_SMTP_STARTTLS: 'off',
    ROSC_MAIL_FROM: 'rosc <rosc@example.org>',
  } });
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name = 'Jan Visser'");
  karinMember = sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
    WHERE m.person_id = ${q(mette)} AND u.username = 'karin'`);
  sql(`UPDATE person SET email = 'mette@example.org' WHERE id = ${q(mette)}`);
  sql(`UPDATE network_member SET contact = 'karin@example.org' WHERE person_id = ${q(mette)} AND id = ${q(karinMember)}`);
});
after(async () => {
  await srv.stop();
  await sink.stop();
});

async function until(ok, what, ms = 20000) {
  for (let t = 0; t < ms; t += 100) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-3000)}`);
}

test('the demo thread: Mette has one unread, Karin none; opening it marks it read for Mette only', async () => {
  const m = await client(srv).signIn('mette');
  let page = await (await m.get('/me/messages')).text();
  assert.match(page, /Min første uge i køkkenet<\/a> <span class="badge">1<span class="visually-hidden"> unread/);
  const tid = /href="\/me\/messages\/([0-9a-f]{32})">Min første uge/.exec(page)[1];
  // The header's badge too.
  assert.match(page, /<a href="\/me">My page<\/a> <a class="unread" href="\/me\/messages"><span class="badge">1<\/span><span class="visually-hidden"> unread message<\/span><\/a>/);
  const karin = await karinSignIn();
  let list = await (await json(karin, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  assert.equal(list.unread, 0);
  assert.equal(list.threads[0].unread, 0);

  const res = await m.get(`/me/messages/${tid}`);
  assert.equal(res.status, 200);
  page = await res.text();
  assert.match(page, /Det er godt at høre!/);
  assert.match(page, /<li class="message unread" id="m-3">/);
  page = await (await m.get('/me/messages')).text();
  assert.doesNotMatch(page, /class="badge"/);
  list = await (await json(karin, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  assert.equal(list.threads[0].unread, 0);
  // Karin's reading is in Mette's log; Mette's own is not.
  assert.ok(logged('karin') >= 1);
  assert.equal(logged('mette'), 0);
});

test('a message to the coordinator: unread for her, a notice without content by e-mail', async () => {
  const m = await client(srv).signIn('mette');
  const form = await (await m.get('/me/messages/new')).text();
  // Only members whose reading the consent allows: Karin (by name), Peter (duty).
  assert.match(form, new RegExp(`name="to_${karinMember}"`));
  const birgit = sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
    WHERE m.person_id = ${q(mette)} AND u.username = 'birgit'`);
  assert.doesNotMatch(form, new RegExp(`to_${birgit}`), 'no consent to notes for Birgit');
  const mails = sink.messages().length;
  // The notice is in the recipient's language: Karin reads Danish.
  sql("UPDATE user_account SET lang = 'da' WHERE username = 'karin'");
  const res = await m.post('/me/messages', { [`to_${karinMember}`]: '1', subject: 'Vagtplanen hemmelig',
    text: 'Jeg har fået nye vagter: hemmeligt indhold' });
  assert.equal(res.status, 303);
  const tid = threadId(res.headers.get('location'));
  const karin = await karinSignIn();
  const list = await (await json(karin, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  const t = list.threads.find((x) => x.id === tid);
  assert.equal(t.unread, 1);
  assert.equal(t.subject, 'Vagtplanen hemmelig');
  const mine = await (await json(m, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  assert.equal(mine.threads.find((x) => x.id === tid).unread, 0, 'the writer has read her own');

  await until(() => sink.messages().length > mails, 'the notice');
  const notice = sink.messages().slice(mails);
  assert.equal(notice.length, 1);
  assert.deepEqual(notice[0].rcpt_tos, ['karin@example.org']);
  assert.equal(sql(`SELECT lang FROM outbox WHERE about = 'message:${tid}'`), 'da');
  sql("UPDATE user_account SET lang = 'en' WHERE username = 'karin'");
  // In Danish once the catalogue has it; the words are the same either way.
  assert.match(notice[0].subject, /^(You have a new message in rosc|Du har en ny besked i rosc)$/);
  for (const secret of ['Vagtplanen', 'hemmelig', 'vagter', 'Mette', 'Larsen'])
    assert.ok(!notice[0].raw.toString('utf8').includes(secret), `the notice holds ${secret}`);
  assert.match(notice[0].text, /\/signin/);

  // A second message before the first notice is sent would not queue another;
  // once it was sent, the next one does.
  const r2 = await m.post(`/me/messages/${tid}`, { text: 'Og en ting mere' });
  assert.equal(r2.status, 303);
  const r3 = await m.post(`/me/messages/${tid}`, { text: 'Og endnu en' });
  assert.equal(r3.status, 303);
  assert.ok(count('outbox', `about = 'message:${tid}' AND state IN ('queued', 'sending')`) <= 1);

  // Karin opens it: read for her; Mette is now the one with unread after Karin's answer.
  const page = await (await karin.get(`/persons/${mette}/messages/${tid}`)).text();
  assert.match(page, /Jeg har fået nye vagter/);
  assert.equal((await json(karin, 'GET', `/api/v1/persons/${mette}/messages`)).status, 200);
  const after = await (await json(karin, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  assert.equal(after.threads.find((x) => x.id === tid).unread, 0);
  const reply = await json(karin, 'POST', `/api/v1/persons/${mette}/messages`, { thread: tid, text: 'Tak, vi ses' });
  assert.equal(reply.status, 201);
  const again = await (await json(m, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  assert.equal(again.threads.find((x) => x.id === tid).unread, 1);
  assert.equal(again.threads[0].id, tid, 'newest first');
});

test('a staff member starts a thread with the person; the person replies', async () => {
  const karin = await karinSignIn();
  const form = await (await karin.get(`/persons/${mette}/messages/new`)).text();
  assert.match(form, /name="subject"/);
  const res = await karin.post(`/persons/${mette}/messages`, { subject: 'Torsdag', text: 'Husk vagtplanen' });
  assert.equal(res.status, 303);
  const tid = threadId(res.headers.get('location'));
  const m = await client(srv).signIn('mette');
  const one = await (await json(m, 'GET', `/api/v1/persons/${mette}/messages?thread=${tid}`)).json();
  assert.equal(one.thread.unread, 1);
  assert.deepEqual(one.messages.map((x) => x.text), ['Husk vagtplanen']);
  // Reading it through the API marked it read.
  const list = await (await json(m, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  assert.equal(list.threads.find((x) => x.id === tid).unread, 0);
});

test('someone else\'s thread, a missing one and a malformed one answer alike', async () => {
  const janThread = sql(`SELECT id FROM message_thread WHERE person_id = ${q(jan)}`);
  const mettes = sql(`SELECT id FROM message_thread WHERE person_id = ${q(mette)} LIMIT 1`);
  const m = await client(srv).signIn('mette');
  const a = await m.get(`/me/messages/${janThread}`);
  const b = await m.get('/me/messages/0123456789abcdef0123456789abcdef');
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  assert.equal(strip(await a.text()), strip(await b.text()));
  // Staff not on the thread (Peter, by duty in Mette's network) do not see it.
  const peter = await client(srv).signIn('peter');
  const c = await peter.get(`/persons/${mette}/messages/${mettes}`);
  const d = await peter.get(`/persons/${mette}/messages/0123456789abcdef0123456789abcdef`);
  assert.equal(c.status, 404);
  assert.equal(d.status, 404);
  assert.equal(strip(await c.text()), strip(await d.text()));
  // Jan's thread through the API, and a reply to it: 404, nothing written.
  const n = count('message');
  const e = await json(m, 'GET', `/api/v1/persons/${mette}/messages?thread=${janThread}`);
  const f = await json(m, 'POST', `/api/v1/persons/${mette}/messages`, { thread: janThread, text: 'hej' });
  assert.equal(e.status, 404);
  assert.equal(f.status, 404);
  assert.equal((await e.json()).type, (await f.json()).type);
  assert.equal(count('message'), n);
  // Lars was never in her network: her messages are not there for him.
  const lars = await client(srv).signIn('lars');
  assert.equal((await lars.get(`/persons/${mette}/messages`)).status, 404);
});

test('bad input keeps what was typed, with a message at the field, and writes nothing', async () => {
  const m = await client(srv).signIn('mette');
  await m.get('/me/messages/new');
  const n = count('message'), t = count('message_thread'), o = count('outbox');
  // Empty text.
  let res = await m.post('/me/messages', { [`to_${karinMember}`]: '1', subject: 'Hej', text: '   ' });
  assert.equal(res.status, 422);
  let page = await res.text();
  assert.match(page, /id="e-text"/);
  assert.match(page, /value="Hej"/);
  assert.match(page, new RegExp(`name="to_${karinMember}" id="to_${karinMember}" value="1" checked`));
  // Too long.
  res = await m.post('/me/messages', { [`to_${karinMember}`]: '1', subject: 'Hej', text: 'x'.repeat(4001) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /This is too long|for lang/);
  // No one chosen.
  res = await m.post('/me/messages', { subject: 'Hej', text: 'Hej Karin' });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.match(page, /id="e-to"/);
  assert.match(page, />\n?Hej Karin<\/textarea>/);
  // Invalid UTF-8.
  res = await m.request('POST', '/me/messages', {
    body: `csrf=${encodeURIComponent(m.csrf)}&to_${karinMember}=1&subject=Hej&text=%FF%FE`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="e-text"/);
  // A reply that is empty keeps the thread on the page.
  const tid = sql(`SELECT id FROM message_thread WHERE person_id = ${q(mette)} AND subject = 'Min første uge i køkkenet'`);
  await m.get(`/me/messages/${tid}`);
  res = await m.post(`/me/messages/${tid}`, { text: '' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="e-text"/);

  // The API: each with its stable code.
  const cases = [
    [{ subject: 'Hej', text: '', to: [karinMember] }, 'text', 'required'],
    [{ subject: 'Hej', text: 'x'.repeat(4001), to: [karinMember] }, 'text', 'too_long'],
    [{ subject: 'Hej', text: 5, to: [karinMember] }, 'text', 'invalid_format'],
    [{ subject: ['Hej'], text: 'Hej', to: [karinMember] }, 'subject', 'invalid_format'],
    [{ subject: 'Hej', text: 'Hej', to: karinMember }, 'to', 'invalid_format'],
    [{ subject: 'Hej', text: 'Hej', to: [] }, 'to', 'required'],
    [{ subject: 'Hej', text: 'Hej', to: ['0123456789abcdef0123456789abcdef'] }, 'to', 'invalid_choice'],
    [{ thread: 7, text: 'Hej' }, 'thread', 'invalid_format'],
  ];
  for (const [body, field, code] of cases) {
    const r = await json(m, 'POST', `/api/v1/persons/${mette}/messages`, body);
    assert.equal(r.status, 422, JSON.stringify(body));
    const p = await r.json();
    assert.deepEqual(p.errors, [{ field, code }], JSON.stringify(body));
  }
  const bad = await json(m, 'POST', `/api/v1/persons/${mette}/messages`,
    Buffer.from('{"subject":"Hej","text":"\xff","to":[]}', 'latin1'));
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).code, 'invalid_encoding');
  assert.equal(count('message'), n);
  assert.equal(count('message_thread'), t);
  assert.equal(count('outbox'), o);
});

test('access follows consent and membership on the very next request', async () => {
  const tid = sql(`SELECT id FROM message_thread WHERE person_id = ${q(mette)} AND subject = 'Min første uge i køkkenet'`);
  const karin = await karinSignIn();
  const link = `href="/persons/${mette}/messages"`;
  assert.ok((await (await karin.get(`/persons/${mette}`)).text()).includes(link), 'her page links to them');
  const henrik = await client(srv).signIn('henrik');
  assert.ok(!(await (await henrik.get(`/persons/${mette}`)).text()).includes(link), 'no notes shared: no link');
  assert.equal((await karin.get(`/persons/${mette}/messages/${tid}`)).status, 200);
  const before = logged('karin');

  // Withdrawn consent to notes: 404 at once, exactly as a missing thread.
  sql(`UPDATE consent SET granted = 0 WHERE person_id = ${q(mette)} AND recipient_member_id = ${q(karinMember)} AND category = 'notes'`);
  const gone = await karin.get(`/persons/${mette}/messages/${tid}`);
  const none = await karin.get(`/persons/${mette}/messages/0123456789abcdef0123456789abcdef`);
  assert.equal(gone.status, 404);
  assert.equal(none.status, 404);
  assert.equal(strip(await gone.text()), strip(await none.text()));
  assert.equal((await karin.get(`/persons/${mette}/messages`)).status, 404);
  assert.equal((await json(karin, 'GET', `/api/v1/persons/${mette}/messages`)).status, 404);
  assert.equal((await karin.post(`/persons/${mette}/messages/${tid}`, { text: 'hej' })).status, 404);
  assert.equal(logged('karin'), before, 'a refusal reads nothing');
  assert.ok(!(await (await karin.get(`/persons/${mette}`)).text()).includes(link), 'nor a link to them');
  // Mette can no longer write to her either.
  const m = await client(srv).signIn('mette');
  assert.doesNotMatch(await (await m.get('/me/messages/new')).text(), new RegExp(`to_${karinMember}`));

  // Given again: back.
  sql(`UPDATE consent SET granted = 1 WHERE person_id = ${q(mette)} AND recipient_member_id = ${q(karinMember)} AND category = 'notes'`);
  assert.equal((await karin.get(`/persons/${mette}/messages/${tid}`)).status, 200);

  // Karin leaves the network: the thread is gone, her own words too.
  sql(`UPDATE network_member SET until_date = '2001-01-01' WHERE person_id = ${q(mette)} AND id = ${q(karinMember)}`);
  assert.equal((await karin.get(`/persons/${mette}/messages/${tid}`)).status, 404);
  assert.equal((await karin.get(`/persons/${mette}/messages`)).status, 404);
  // Peter, by duty, is in the network but not on the thread: not in his list.
  const peter = await client(srv).signIn('peter');
  const list = await (await json(peter, 'GET', `/api/v1/persons/${mette}/messages`)).json();
  assert.ok(!list.threads.some((x) => x.id === tid));
  // Mette still has the thread; Karin is no longer named on it.
  const mine = await (await m.get(`/me/messages/${tid}`)).text();
  assert.match(mine, /Min første uge i køkkenet/);
  assert.doesNotMatch(mine, /Between: [^<]*Karin/);
  assert.doesNotMatch(await (await m.get('/me/messages')).text(), /With [^<]*Karin/);
  sql(`UPDATE network_member SET until_date = NULL WHERE person_id = ${q(mette)} AND id = ${q(karinMember)}`);
});

test('the person\'s download holds her messages', async () => {
  const m = await client(srv).signIn('mette');
  const data = await (await json(m, 'GET', '/api/v1/me/data')).json();
  assert.ok(Array.isArray(data.messages), 'messages in the download');
  const t = data.messages.find((x) => x.subject === 'Min første uge i køkkenet');
  assert.ok(t);
  assert.ok(t.messages.some((x) => /Det er godt at høre/.test(x.text)));
});
