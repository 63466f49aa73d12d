// Sign-in, sessions, CSRF, throttling, invitations, settings and API tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { spawnSync } from '../lib/run.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, roscCli, DEMO_PASSWORD } from '../lib/rosc.mjs';

// The server's clock is a file the tests move.
const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
let now = Date.parse('2026-03-03T09:00:00Z');
function setNow(ms) { now = ms; writeFileSync(clockFile, new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z') + '\n'); }
const minutes = (n) => n * 60 * 1000;

let srv;
before(async () => {
  setNow(now);
  srv = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
});
after(async () => { await srv.stop(); rmSync(clockDir, { recursive: true, force: true }); });

const sql = (q) => srv.sql(q);

test('sign in, see who I am, sign out', async () => {
  const c = client(srv);
  await c.signIn('peter');
  const home = await (await c.get('/')).text();
  assert.match(home, /Peter Sørensen/);
  assert.match(home, /Behandlingscenter Nordlys/);
  const me = await (await c.get('/api/v1/me')).json();
  assert.equal(me.username, 'peter');
  assert.equal(me.organisation.role, 'professional');
  const out = await c.post('/signout');
  assert.equal(out.status, 303);
  assert.equal(out.headers.get('location'), '/signin?signed_out=1');
  const after = await c.get('/me/settings');
  assert.equal(after.status, 303);
  assert.match(after.headers.get('location'), /^\/signin\?next=/);
});

test('the session cookie is HttpOnly and SameSite=Lax, and a new id at every sign-in', async () => {
  const c = client(srv);
  await c.get('/signin');
  // A session id planted by someone else is not adopted.
  c.jar.set('rosc_session', 'A'.repeat(43));
  const res = await c.post('/signin?next=%2F', { username: 'peter', password: DEMO_PASSWORD });
  assert.equal(res.status, 303);
  const cookie = res.headers.getSetCookie().find((x) => x.startsWith('rosc_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const first = c.jar.get('rosc_session');
  assert.notEqual(first, 'A'.repeat(43));
  // Signing in again gives another id, and the old one stops working.
  await c.get('/');
  const again = await c.post('/signin?next=%2F', { username: 'peter', password: DEMO_PASSWORD });
  assert.equal(again.status, 303);
  const second = c.jar.get('rosc_session');
  assert.notEqual(second, first);
  const old = await fetch(srv.url + '/me/settings', { headers: { Cookie: `rosc_session=${first}` }, redirect: 'manual' });
  assert.equal(old.status, 303, 'the old session is gone');
  assert.equal(sql("SELECT count(*) FROM session WHERE token_hash LIKE '%' AND user_id = (SELECT id FROM user_account WHERE username='peter')") >= '1', true);
});

test('a wrong password and an unknown account get the same answer', async () => {
  const c = client(srv);
  await c.get('/signin');
  const a = await c.post('/signin', { username: 'peter', password: 'not-the-password' });
  const b = await c.post('/signin', { username: 'nobody-at-all', password: 'not-the-password' });
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  const ta = (await a.text()).replace(/value="[^"]*"/g, '');
  const tb = (await b.text()).replace(/value="[^"]*"/g, '');
  assert.equal(ta, tb);
  assert.match(ta, /not right/);
});

test('sign-in form: bad input comes back with the input kept', async () => {
  const c = client(srv);
  await c.get('/signin');
  let res = await c.post('/signin', { username: '', password: '' });
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /class="error-summary"/);
  assert.match(html, /aria-invalid="true"/);
  res = await c.post('/signin', { username: 'x'.repeat(100 * 1024), password: 'whatever-long' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /too long/);
  // Invalid UTF-8 and a NUL byte, sent raw.
  const body = `csrf=${c.csrf}&username=pe%FFter%00x&password=abc`;
  res = await c.request('POST', '/signin', { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /value="pe\uFFFDter\uFFFDx"/, 'the input is kept, bad bytes shown as U+FFFD');
});

test('CSRF: missing, wrong or cross-site → 403 and nothing changes', async () => {
  const c = client(srv);
  await c.signIn('henrik');
  const before = sql("SELECT coalesce(lang, '-') FROM user_account WHERE username='henrik'");
  for (const [token, headers] of [['', {}], ['wrong', {}], [undefined, { Origin: 'https://evil.example' }]]) {
    const res = await c.post('/me/settings/language', { lang: 'da' }, { csrf: token, headers });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /expired/);
  }
  assert.equal(sql("SELECT coalesce(lang, '-') FROM user_account WHERE username='henrik'"), before);
  // And with the right token it works.
  const ok = await c.post('/me/settings/language', { lang: 'da' });
  assert.equal(ok.status, 303);
  assert.equal(sql("SELECT lang FROM user_account WHERE username='henrik'"), 'da');
  const page = await (await c.get('/me/settings')).text();
  assert.match(page, /<html lang="da">/, "the user's own language wins");
  await c.post('/me/settings/language', { lang: 'auto' });
  assert.equal(sql("SELECT coalesce(lang, '-') FROM user_account WHERE username='henrik'"), '-');
  const bad = await c.post('/me/settings/language', { lang: 'klingon' });
  assert.equal(bad.status, 422);
});

test('a POST to sign in needs the pre-session token', async () => {
  const res = await fetch(srv.url + '/signin', { method: 'POST', body: 'username=peter&password=' + DEMO_PASSWORD, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(res.status, 403);
});

test('sessions end after an hour idle and after twelve hours in all', async () => {
  const start = Date.parse('2026-03-04T08:00:00Z');
  setNow(start);
  const c = client(srv);
  await c.signIn('mia');
  setNow(start + minutes(50));
  assert.equal((await c.get('/me/settings')).status, 200, 'still there after 50 minutes');
  // last_seen is written in the background; in real life the next request
  // is minutes away, here it is milliseconds: give the write its moment.
  const settle = () => new Promise((res) => setTimeout(res, 150));
  await settle();
  setNow(start + minutes(50 + 61));
  const idle = await c.get('/me/settings');
  assert.equal(idle.status, 303, 'gone after 61 idle minutes');
  // Absolute: active every 50 minutes, still ends after 12 hours.
  setNow(start + minutes(200));
  await c.signIn('mia');
  let t = start + minutes(200);
  for (let i = 0; i < 14; i++) {
    t += minutes(50);
    setNow(t);
    const r = await c.get('/me/settings');
    if (t - (start + minutes(200)) > minutes(12 * 60)) {
      assert.equal(r.status, 303, 'ended after 12 hours');
      break;
    }
    assert.equal(r.status, 200, `alive at ${(t - start - minutes(200)) / 60000} min`);
    await settle();
  }
});

test('last_seen is written at most once a minute', async () => {
  const start = Date.parse('2026-03-05T08:00:00Z');
  setNow(start);
  const c = client(srv);
  await c.signIn('lars');
  const q = "SELECT last_seen_us FROM session WHERE user_id=(SELECT id FROM user_account WHERE username='lars')";
  const first = sql(q);
  setNow(start + 30 * 1000);
  await c.get('/me/settings');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(sql(q), first, 'not written after 30 s');
  setNow(start + 90 * 1000);
  await c.get('/me/settings');
  await new Promise((r) => setTimeout(r, 200));
  assert.notEqual(sql(q), first, 'written after 90 s');
});

test('throttling: after 5 failures the account waits, then recovers', async () => {
  const start = Date.parse('2026-03-06T08:00:00Z');
  setNow(start);
  const c = client(srv);
  await c.get('/signin');
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/signin', { username: 'jonas', password: 'wrong-password-' + i });
    assert.equal(r.status, 401, `failure ${i + 1}`);
  }
  let r = await c.post('/signin', { username: 'jonas', password: 'wrong-password-x' });
  assert.equal(r.status, 429);
  // Now even the right password waits, and says so without telling if the account exists.
  r = await c.post('/signin', { username: 'jonas', password: DEMO_PASSWORD });
  assert.equal(r.status, 429);
  assert.match(r.headers.get('retry-after'), /^\d+$/);
  const text = await r.text();
  assert.match(text, /Too many attempts/);
  const unknown = client(srv);
  await unknown.get('/signin');
  for (let i = 0; i < 6; i++) await unknown.post('/signin', { username: 'no-such-person', password: 'wrong-password-' + i });
  const u = await unknown.post('/signin', { username: 'no-such-person', password: 'wrong-password' });
  assert.equal(u.status, 429, 'unknown accounts are throttled the same way');
  // Time passes: the right password works and clears the count.
  setNow(start + minutes(20));
  r = await c.post('/signin?next=%2F', { username: 'jonas', password: DEMO_PASSWORD });
  assert.equal(r.status, 303);
  assert.equal(sql("SELECT count(*) FROM signin_throttle WHERE key='user:jonas'"), '0');
  // The audit log has the failures and the success.
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action='signin.failure'")) >= 6);
});

test('invitations: set a password once, then the link is used up; links expire', async () => {
  setNow(Date.parse('2026-03-07T08:00:00Z'));
  const add = roscCli(['user', 'add', '--db', srv.db, '--name', 'newbie', '--display', 'New Person', '--kind', 'person', '--invite'], { env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  assert.equal(add.status, 0, add.stderr);
  const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(add.stdout)[1];
  const c = client(srv);
  let res = await c.get('/invite/' + token);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /newbie/);
  // Weak, mismatched, and bad-language answers come back with messages.
  res = await c.post('/invite/' + token, { name: 'Nina', password: '1234567890', password2: '1234567890', lang: 'nl' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /value="Nina"/);
  res = await c.post('/invite/' + token, { name: 'Nina', password: 'river-stone-lamp', password2: 'river-stone-lamb', lang: 'nl' });
  assert.equal(res.status, 422);
  res = await c.post('/invite/' + token, { name: '', password: 'river-stone-lamp', password2: 'river-stone-lamp', lang: 'xx' });
  assert.equal(res.status, 422);
  assert.equal(sql("SELECT password_hash IS NULL FROM user_account WHERE username='newbie'"), '1', 'nothing half-saved');
  res = await c.post('/invite/' + token, { name: 'Nina', password: 'river-stone-lamp', password2: 'river-stone-lamp', lang: 'nl' });
  assert.equal(res.status, 303);
  const home = await (await c.get('/me/settings')).text();
  assert.match(home, /Nina/);
  assert.match(home, /<html lang="nl">/);
  // Used up.
  const other = client(srv);
  assert.equal((await other.get('/invite/' + token)).status, 410);
  // Signing in with the new password works.
  await client(srv).signIn('newbie', 'river-stone-lamp');
  // An expired link.
  const add2 = roscCli(['user', 'add', '--db', srv.db, '--name', 'latecomer', '--kind', 'family', '--invite'], { env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  const token2 = /\/invite\/([A-Za-z0-9_-]{43})/.exec(add2.stdout)[1];
  setNow(Date.parse('2026-03-15T08:00:00Z'));
  assert.equal((await client(srv).get('/invite/' + token2)).status, 410);
  // Unknown and malformed links.
  assert.equal((await client(srv).get('/invite/' + 'B'.repeat(43))).status, 404);
  assert.equal((await client(srv).get('/invite/short')).status, 404);
});

test('password change: the current password is checked; other sessions end', async () => {
  setNow(Date.parse('2026-03-16T08:00:00Z'));
  const add = roscCli(['user', 'add', '--db', srv.db, '--name', 'changer', '--kind', 'person'], { env: { ROSC_USER_PASSWORD: 'first-long-password' } });
  assert.equal(add.status, 0, add.stderr);
  const a = client(srv), b = client(srv);
  await a.signIn('changer', 'first-long-password');
  await b.signIn('changer', 'first-long-password');
  await a.get('/me/settings');
  let res = await a.post('/me/settings/password', { current: 'wrong-one-here', password: 'second-long-password', password2: 'second-long-password' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /not your current password/);
  res = await a.post('/me/settings/password', { current: 'first-long-password', password: 'short', password2: 'short' });
  assert.equal(res.status, 422);
  res = await a.post('/me/settings/password', { current: 'first-long-password', password: 'second-long-password', password2: 'second-long-password' });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /password is changed/);
  assert.equal((await a.get('/me/settings')).status, 200, 'this session goes on');
  assert.equal((await b.get('/me/settings')).status, 303, 'the other one ended');
  await client(srv).signIn('changer', 'second-long-password');
});

test('sign out everywhere ends every session of the account', async () => {
  const a = client(srv), b = client(srv);
  await a.signIn('daan');
  await b.signIn('daan');
  const res = await a.post('/signout/everywhere');
  assert.equal(res.status, 303);
  assert.equal((await b.get('/me/settings')).status, 303);
  assert.equal((await a.get('/me/settings')).status, 303);
});

test('API tokens: created once, used as Bearer, exempt from CSRF, revocable', async () => {
  const c = client(srv);
  await c.signIn('anne');
  await c.get('/me/settings');
  let res = await c.post('/me/tokens', { name: '' });
  assert.equal(res.status, 422);
  res = await c.post('/me/tokens', { name: 'x'.repeat(81) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /value="x{81}"/);
  res = await c.post('/me/tokens', { name: 'report <script>' });
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /report &lt;script&gt;/);
  const token = /<p class="secret">([A-Za-z0-9_-]{43})<\/p>/.exec(page)[1];
  assert.equal(sql(`SELECT count(*) FROM api_token WHERE token_hash = '${token}'`), '0', 'only the hash is stored');
  const me = await fetch(srv.url + '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).organisation.name, 'Behandlingscenter Nordlys');
  const nobody = await fetch(srv.url + '/api/v1/me', { headers: { Authorization: 'Bearer ' + 'C'.repeat(43) } });
  assert.equal(nobody.status, 401);
  assert.equal((await nobody.json()).code, 'unauthorized');
  // Revoke (only one's own).
  const id = sql(`SELECT id FROM api_token WHERE name = 'report <script>'`);
  const other = client(srv);
  await other.signIn('peter');
  assert.equal((await other.post(`/me/tokens/${id}/revoke`)).status, 404, "someone else's token is not found");
  assert.equal((await other.post('/me/tokens/not-an-id/revoke')).status, 404);
  await c.get('/me/settings');
  assert.equal((await c.post(`/me/tokens/${id}/revoke`)).status, 303);
  const revoked = await fetch(srv.url + '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(revoked.status, 401);
});

test('staff in two organisations choose one, and can switch', async () => {
  const c = client(srv);
  await c.signIn('karin', DEMO_PASSWORD, { orgName: 'Socialforvaltningen Østerbro' });
  let me = await (await c.get('/api/v1/me')).json();
  assert.equal(me.organisation.role, 'coordinator');
  const page = await (await c.get('/signin/organisation')).text();
  const nordlys = /name="org" value="([0-9a-f]{32})"><button[^>]*>Behandlingscenter Nordlys/.exec(page)[1];
  const res = await c.post('/signin/organisation?next=%2F', { org: nordlys });
  assert.equal(res.status, 303);
  me = await (await c.get('/api/v1/me')).json();
  assert.equal(me.organisation.role, 'professional');
  // An organisation she is not in is refused.
  const bad = await c.post('/signin/organisation', { org: '0'.repeat(32) });
  assert.equal(bad.status, 422);
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action='session.organisation'")) >= 2);
});

test('a disabled account cannot sign in', async () => {
  const r = roscCli(['user', 'disable', '--db', srv.db, 'else']);
  assert.equal(r.status, 0, r.stderr);
  const c = client(srv);
  await c.get('/signin');
  const res = await c.post('/signin', { username: 'else', password: DEMO_PASSWORD });
  assert.equal(res.status, 401);
});
