// Calendar feeds (src/web/calendar.c): a private, revocable iCalendar
// address per person or staff member. The address is the key (only its
// hash is kept); the feed reads as its owner through the door; by default
// it says only that there is an appointment, and when.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, mette;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
});
after(async () => { await srv.stop(); });

const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
/** Makes a feed as c; its address (shown once). */
async function makeFeed(c, detail) {
  const res = await c.post('/me/calendar', { detail });
  assert.equal(res.status, 200);
  const html = await res.text();
  const m = /(http:\/\/[^<\s"]+\/calendar\/([A-Za-z0-9_-]{43}))/.exec(html);
  assert.ok(m, 'the address is shown');
  assert.match(html, new RegExp(`href="webcal://[^"]+/calendar/${m[2]}"`));
  return m[1];
}
/** The feed, read with no cookie at all (a calendar app). */
async function feed(url, status = 200) {
  const res = await fetch(url);
  assert.equal(res.status, status, url);
  return res.status === 200 ? { type: res.headers.get('content-type'), text: await res.text() } : null;
}
const unfold = (t) => t.replace(/\r\n[ \t]/g, '');
const values = (t, name) => unfold(t).split('\r\n').filter((l) => l.startsWith(name + ':') || l.startsWith(name + ';'))
  .map((l) => l.slice(l.indexOf(':') + 1).replace(/\\([,;\\nN])/g, (_, c) => (c === 'n' || c === 'N' ? '\n' : c)));

test('the person\'s feed holds their appointments with only the minimal words, unless they choose more', async () => {
  const metteC = await signIn('mette');
  const url = await makeFeed(metteC, 'minimal');
  // The address is kept only as a hash.
  const token = url.split('/').pop();
  assert.equal(sql(`SELECT count(*) FROM calendar_feed WHERE token_hash = ${q(token)}`), '0');
  const { type, text } = await feed(url);
  assert.match(type, /^text\/calendar/);
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  const n = Number(sql(`SELECT count(*) FROM appointment WHERE person_id=${q(mette)}
    AND starts_us >= ${(Date.now() - 31 * 86400e3) * 1000} AND starts_us < ${(Date.now() + 400 * 86400e3) * 1000}`));
  assert.ok(n >= 5);
  assert.equal(values(text, 'BEGIN').filter((v) => v === 'VEVENT').length, n);
  assert.deepEqual([...new Set(values(text, 'SUMMARY'))], ['Appointment']);
  assert.deepEqual([...new Set(values(text, 'DESCRIPTION'))], ['Open rosc for details.']);
  assert.deepEqual(values(text, 'LOCATION'), []);
  for (const secret of ['Blodprøver', 'Roskildevej', 'Nordlys', 'Peter', 'video.nordlys']) {
    assert.ok(!text.includes(secret), `the minimal feed does not say ${secret}`);
  }
  // Times in UTC; the cancelled and the asked-to-move are still events.
  assert.ok(values(text, 'DTSTART').every((v) => /^\d{8}T\d{6}Z$/.test(v)));
  // Her own reading is not logged; she chooses more in a second feed.
  const full = await makeFeed(metteC, 'full');
  const t2 = (await feed(full)).text;
  assert.ok(values(t2, 'SUMMARY').includes('Blodprøver hos lægen'));
  assert.ok(values(t2, 'LOCATION').some((v) => v.includes('Roskildevej 200')));
  // The list shows two addresses; she stops the first: it answers as an unknown one.
  let page = await (await metteC.get('/me/calendar')).text();
  assert.equal((page.match(/Stop this address/g) || []).length, 2);
  assert.ok(!page.includes(token), 'the address is never shown again');
  const id = sql(`SELECT id FROM calendar_feed WHERE user_id=(SELECT id FROM user_account WHERE username='mette') AND detail='minimal'`);
  const res = await metteC.post(`/me/calendar/${id}/revoke`, {});
  assert.equal(res.status, 303);
  const gone = await fetch(url);
  const unknown = await fetch(url.replace(/[^/]{43}$/, 'A'.repeat(43)));
  assert.equal(gone.status, 404);
  assert.equal(unknown.status, 404);
  const strip = (t) => t.replace(/name="(next|csrf)" value="[^"]*"/g, '').replace(/next=[^"&]*/g, '');
  assert.equal(strip(await gone.text()), strip(await unknown.text()));
  page = await (await metteC.get('/me/calendar')).text();
  assert.equal((page.match(/Stop this address/g) || []).length, 1);
  // Someone else's feed cannot be stopped: the same as a missing one.
  const peter = await signIn('peter');
  const fullId = sql(`SELECT id FROM calendar_feed WHERE user_id=(SELECT id FROM user_account WHERE username='mette') AND detail='full'`);
  assert.equal((await peter.post(`/me/calendar/${fullId}/revoke`, {})).status, 404);
  assert.equal((await feed(full)).text.length > 0, true);
});

test('a staff member\'s feed holds the appointments they made, through the door, logged; consent withdrawn ends them at once', async () => {
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  const url = await makeFeed(karin, 'full');
  const before = Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id=${q(mette)} AND u.username='karin'`));
  let text = (await feed(url)).text;
  assert.ok(values(text, 'SUMMARY').includes('Møde om min handleplan, Mette'), values(text, 'SUMMARY').join('|'));
  const after = Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u ON u.id = l.actor_id
    WHERE l.person_id=${q(mette)} AND u.username='karin'`));
  assert.ok(after > before, 'reading her appointments through the feed is in Mette\'s log');
  // Mette withdraws Østerbro's consent to appointments: the next read holds none of hers.
  sql(`UPDATE consent SET granted = 0 WHERE person_id=${q(mette)} AND category='appointments'
    AND recipient_org_id=(SELECT id FROM organisation WHERE name='Socialforvaltningen Østerbro')`);
  try {
    text = (await feed(url)).text;
    assert.ok(!text.includes('handleplan') && !text.includes('Mette'));
  } finally {
    sql(`UPDATE consent SET granted = 1 WHERE person_id=${q(mette)} AND category='appointments'
      AND recipient_org_id=(SELECT id FROM organisation WHERE name='Socialforvaltningen Østerbro')`);
  }
  // A disabled account's feed answers as an unknown one.
  sql("UPDATE user_account SET disabled_us = 1 WHERE username = 'karin'");
  try {
    await feed(url, 404);
  } finally {
    sql("UPDATE user_account SET disabled_us = NULL WHERE username = 'karin'");
  }
  // Bad choices are refused with nothing made.
  const n = sql('SELECT count(*) FROM calendar_feed');
  const res = await karin.post('/me/calendar', { detail: 'everything' });
  assert.equal(res.status, 422);
  assert.equal(sql('SELECT count(*) FROM calendar_feed'), n);
});
