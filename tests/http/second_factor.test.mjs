// The second factor at sign-in (TOTP, RFC 6238) end to end, with codes from
// liboath's oathtool: setting it up, signing in with password then code, a
// wrong or reused code refused, a recovery code working once, the throttle,
// an organisation's requirement leading staff to set it up, emergency
// access only after a confirmed code, and an admin's reset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, roscCli, DEMO_PASSWORD } from '../lib/rosc.mjs';
import { totpCode, secretOf, recoveryCodesOf, enableSecondFactor } from '../lib/totp.mjs';

// The server's clock is a file: each code is for a step of its own.
const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);
const clockFile = join(clockDir, 'now');
let now = Math.floor(Date.now() / 30000) * 30000 + 5000;   // early in a step
function setNow(ms) { now = ms; writeFileSync(clockFile, new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z') + '\n'); }
const nextStep = () => setNow(now + 30000);

let srv;
const sql = (q) => srv.sql(q);
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const userId = (name) => sql(`SELECT id FROM user_account WHERE username=${q(name)}`);
const audits = (action, user) => Number(sql(`SELECT count(*) FROM audit WHERE action=${q(action)}
  AND target=${q(`user:${userId(user)}`)}`));
const sessions = (user) => Number(sql(`SELECT count(*) FROM session WHERE user_id=${q(userId(user))}`));

/** Password first; answers the redirect to the code step. */
async function password(c, username) {
  await c.get('/signin');
  const res = await c.post('/signin?next=%2Fme%2Fsettings', { username, password: DEMO_PASSWORD });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/signin/code?next=%2Fme%2Fsettings');
  const page = await c.get('/signin/code?next=%2Fme%2Fsettings');
  assert.equal(page.status, 200);
  return page.text();
}

before(async () => {
  setNow(now);
  srv = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  sql("UPDATE user_account SET lang = 'en'");
});
after(async () => { await srv.stop(); rmSync(clockDir, { recursive: true, force: true }); });

test('set up, sign out, sign in with password then code; wrong and reused codes refused', async () => {
  const c = await client(srv).signIn('peter');
  let html = await (await c.get('/me/settings/second-factor')).text();
  assert.match(html, /You do not use a second factor yet\./);
  assert.equal(secretOf(html), null);

  // A new secret, shown grouped and as an otpauth:// address while set up.
  assert.equal((await c.post('/me/settings/second-factor', {})).status, 303);
  html = await (await c.get('/me/settings/second-factor')).text();
  const secret = secretOf(html);
  assert.ok(secret, 'the setup page shows the secret');
  assert.ok(html.includes(secret.match(/.{4}/g).join(' ')), 'grouped by four');
  assert.match(html, new RegExp(`href="otpauth://totp/rosc:peter\\?secret=${secret}&amp;issuer=rosc`));
  assert.match(html, /<svg class="qr"[^>]* role="img" aria-label="QR code[^"]*"><rect[^>]*\/><path fill="#000" d="(M\d+ \d+h\d+v1h-\d+z)+"\/><\/svg>/);
  assert.equal(sql(`SELECT count(*) FROM second_factor WHERE user_id=${q(userId('peter'))}
    AND confirmed_us IS NULL AND secret_box NOT LIKE ${q(`%${secret}%`)}`), '1', 'kept sealed');

  // Bad input: sent back with the message at the field, nothing turned on.
  for (const [code, status, text] of [['', 422, /Please fill this in/], ['x'.repeat(65), 422, /too long/],
    ['12345', 422, /not right/], [totpCode(secret, now - 90000), 422, /not right/]]) {
    const res = await c.post('/me/settings/second-factor/confirm', { code });
    assert.equal(res.status, status, code);
    const page = await res.text();
    assert.match(page, text, code);
    assert.match(page, /id="f-code"[^>]*aria-invalid="true"/, code);
  }
  let res = await c.request('POST', '/me/settings/second-factor/confirm', {
    body: `csrf=${c.csrf}&code=%FF%FE`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 422);
  assert.equal(sql(`SELECT count(*) FROM second_factor WHERE confirmed_us IS NOT NULL`), '0');

  // The right code turns it on and shows ten recovery codes, once; his
  // other sessions, signed in without it, end.
  const other = await client(srv).signIn('peter');
  await c.get('/me/settings/second-factor');
  res = await c.post('/me/settings/second-factor/confirm', { code: totpCode(secret, now) });
  assert.equal(res.status, 200);
  html = await res.text();
  const codes = recoveryCodesOf(html);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  assert.equal(sql(`SELECT count(*) FROM recovery_code WHERE user_id=${q(userId('peter'))} AND used_us IS NULL`), '10');
  assert.equal(Number(sql(`SELECT count(*) FROM recovery_code WHERE code_hash IN (${codes.map(q).join(',')})`)), 0,
    'only hashes are kept');
  assert.equal(audits('second_factor.on', 'peter'), 1);
  assert.equal((await other.get('/me/settings')).status, 303, 'the other session ended');
  html = await (await c.get('/me/settings/second-factor')).text();
  assert.equal(secretOf(html), null, 'never shown again');
  assert.doesNotMatch(html, /<svg class="qr"/);
  assert.deepEqual(recoveryCodesOf(html), []);
  assert.match(html, /You have 10 recovery codes left\./);

  // Signing in again: the password alone makes no session.
  assert.equal((await c.post('/signout', {})).status, 303);
  const before = sessions('peter');
  const d = client(srv);
  html = await password(d, 'peter');
  assert.match(html, /six-digit code/);
  assert.equal(sessions('peter'), before, 'no session for the password alone');
  assert.equal((await d.get('/me/settings')).status, 303, 'not signed in yet');
  const pending = d.jar.get('rosc_2fa');
  assert.ok(pending);

  // A wrong code, and the code that turned it on (its step is used).
  for (const code of [totpCode(secret, now - 150000), totpCode(secret, now)]) {
    res = await d.post('/signin/code?next=%2Fme%2Fsettings', { code });
    assert.equal(res.status, 401);
    assert.match(await res.text(), /This code is not right, or it was used already/);
  }
  assert.equal(sessions('peter'), before);
  nextStep();
  const code = totpCode(secret, now);
  res = await d.post('/signin/code?next=%2Fme%2Fsettings', { code });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/me/settings');
  assert.equal(sessions('peter'), before + 1);
  assert.ok(!d.jar.has('rosc_2fa'), 'the waiting token is gone');
  assert.notEqual(d.jar.get('rosc_session'), pending, 'a new id for the session');
  assert.equal((await d.get('/me/settings')).status, 200);
  assert.equal(sql(`SELECT count(*) FROM session WHERE user_id=${q(userId('peter'))} AND second_factor_us IS NOT NULL`), '1');
  assert.equal(sql(`SELECT count(*) FROM signin_pending`), '0');
  assert.match(sql(`SELECT detail FROM audit WHERE action='signin.success' ORDER BY seq DESC LIMIT 1`), /with a code/);

  // The same code once more, in a new sign-in within its step: refused.
  const e = client(srv);
  await password(e, 'peter');
  res = await e.post('/signin/code?next=%2Fme%2Fsettings', { code });
  assert.equal(res.status, 401);
  // A recovery code works once.
  res = await e.post('/signin/code?next=%2Fme%2Fsettings', { code: codes[0].toUpperCase() });
  assert.equal(res.status, 303);
  assert.equal(audits('second_factor.recovery_used', 'peter'), 1);
  const f = client(srv);
  await password(f, 'peter');
  res = await f.post('/signin/code?next=%2Fme%2Fsettings', { code: codes[0] });
  assert.equal(res.status, 401);
  // A waiting sign-in runs out after ten minutes.
  setNow(now + 11 * 60000);
  res = await f.post('/signin/code?next=%2Fme%2Fsettings', { code: totpCode(secret, now) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/signin?next=%2Fme%2Fsettings');
  sql('DELETE FROM signin_throttle');
});

test('wrong codes are throttled like wrong passwords', async () => {
  const c = client(srv);
  await password(c, 'peter');
  let res;
  const seen = [];
  for (let i = 0; i < 8; i++) {
    res = await c.post('/signin/code?next=%2Fme%2Fsettings', { code: String(100000 + i) });
    seen.push(res.status);
    if (res.status === 429) break;
  }
  assert.equal(res.status, 429, seen.join(','));
  assert.match(res.headers.get('retry-after'), /^\d+$/);
  assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE action='signin.failure' AND detail='wrong second factor code'`)) >= 5);
  sql('DELETE FROM signin_throttle');
});

test('new recovery codes and turning it off need a code', async () => {
  setNow(now + 60000);
  const c = await client(srv).signIn('mette');    // anyone may use one: here, a person
  const { secret, codes } = await enableSecondFactor(c, now);
  assert.equal(codes.length, 10);
  nextStep();
  let res = await c.post('/me/settings/second-factor/recovery-codes', { code: '123' });
  assert.equal(res.status, 422);
  res = await c.post('/me/settings/second-factor/recovery-codes', { code: totpCode(secret, now) });
  assert.equal(res.status, 200);
  const fresh = recoveryCodesOf(await res.text());
  assert.equal(fresh.length, 10);
  assert.equal(audits('second_factor.recovery_codes', 'mette'), 1);
  // The old codes work no more; a new one turns it off.
  res = await c.post('/me/settings/second-factor/off', { off_code: codes[1] });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-off_code"[^>]*aria-invalid="true"/);
  res = await c.post('/me/settings/second-factor/off', { off_code: fresh[2] });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM second_factor WHERE user_id=${q(userId('mette'))}`), '0');
  assert.equal(sql(`SELECT count(*) FROM recovery_code WHERE user_id=${q(userId('mette'))}`), '0');
  assert.equal(audits('second_factor.off', 'mette'), 1);
  // Signing in is with the password alone again.
  await client(srv).signIn('mette');
  sql('DELETE FROM signin_throttle');
});

test('an organisation that requires it leads its staff to set it up first', async () => {
  setNow(now + 60000);
  const fleur = await client(srv).signIn('fleur');
  const sanne = await client(srv).signIn('sanne');   // signed in before it is required
  let html = await (await fleur.get('/admin/second-factor')).text();
  assert.match(html, /Herstelhuis De Brug does not require a second factor yet\./);
  let res = await fleur.post('/admin/second-factor', { require: 'maybe' });
  assert.equal(res.status, 422);
  res = await fleur.post('/admin/second-factor', { require: 'yes' });
  assert.equal(res.status, 303);
  assert.equal((await sanne.get('/me/settings')).status, 303, 'signed out: she has none');
  assert.equal((await fleur.get('/admin/second-factor')).status, 200, 'the admin stays signed in');
  assert.match(await (await fleur.get('/admin/second-factor')).text(), /Herstelhuis De Brug requires a second factor of its staff\./);
  assert.equal(sql(`SELECT detail FROM audit WHERE action='organisation.second_factor' ORDER BY seq DESC LIMIT 1`), 'required');

  // Kees, a peer worker there, has none: after his password, the setup.
  const kees = client(srv);
  html = await password(kees, 'kees');
  assert.match(html, /Your organisation asks everyone on its staff/);
  const secret = secretOf(html);
  assert.ok(secret);
  assert.equal(sessions('kees'), 0);
  // Nothing else is open to him meanwhile.
  assert.equal((await kees.get('/persons')).status, 303);
  res = await kees.post('/signin/code?next=%2Fme%2Fsettings', { code: totpCode(secret, now - 150000) });
  assert.equal(res.status, 401);
  // Again from the start: the same key (it may be in his app already).
  assert.equal(secretOf(await password(kees, 'kees')), secret);
  res = await kees.post('/signin/code?next=%2Fme%2Fsettings', { code: totpCode(secret, now) });
  assert.equal(res.status, 200);
  html = await res.text();
  assert.equal(recoveryCodesOf(html).length, 10);
  assert.match(html, /href="\/me\/settings"/);
  assert.equal(sessions('kees'), 1);
  assert.equal((await kees.get('/me/settings')).status, 200);
  assert.equal(audits('second_factor.on', 'kees'), 1);
  // Required: it cannot be turned off.
  res = await kees.post('/me/settings/second-factor/off', { off_code: '123456' });
  assert.equal(res.status, 409);
  assert.equal(sql(`SELECT count(*) FROM second_factor WHERE user_id=${q(userId('kees'))}`), '1');

  // Someone from another organisation is not asked.
  await client(srv).signIn('jonas');

  // An admin resets it (a lost phone): off, and signed out everywhere.
  const keesPage = await (await fleur.get(`/admin/users/${userId('kees')}`)).text();
  assert.match(keesPage, /Reset their second factor/);
  res = await fleur.post(`/admin/users/${userId('kees')}/second-factor/reset`, {});
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM second_factor WHERE user_id=${q(userId('kees'))}`), '0');
  assert.equal(sessions('kees'), 0);
  assert.equal(audits('second_factor.reset', 'kees'), 1);
  res = await fleur.post(`/admin/users/${userId('kees')}/second-factor/reset`, {});
  assert.equal(res.status, 409);
  // Another organisation's admin learns nothing of him.
  const anne = await client(srv).signIn('anne');
  res = await anne.post(`/admin/users/${userId('kees')}/second-factor/reset`, {});
  assert.equal(res.status, 404);
  // Not required any more: password alone again.
  await fleur.get('/admin/second-factor');
  assert.equal((await fleur.post('/admin/second-factor', { require: 'no' })).status, 303);
  await client(srv).signIn('kees');
  sql('DELETE FROM signin_throttle');
});

test('emergency access needs a second factor confirmed at this sign-in', async () => {
  setNow(now + 60000);
  const mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  const lars = await client(srv).signIn('lars');
  let res = await lars.get(`/persons/${mette}/emergency`);
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /Emergency access needs a second factor/);
  assert.match(html, /href="\/me\/settings\/second-factor"/);
  assert.doesNotMatch(html, /name="reason"/);
  res = await lars.post(`/persons/${mette}/emergency`, { reason: 'Brought in unconscious.' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT count(*) FROM emergency_access WHERE person_id=${q(mette)} AND user_id=${q(userId('lars'))}`), '0');
  // Unknown ids stay unknown, factor or not.
  assert.equal((await lars.post('/persons/0123456789abcdef0123456789abcdef/emergency', { reason: 'x' })).status, 404);

  // With it set up (the code confirms it for this sign-in too), allowed.
  const { secret } = await enableSecondFactor(lars, now);
  res = await lars.post(`/persons/${mette}/emergency`, { reason: 'Brought in unconscious.' });
  assert.equal(res.status, 303);
  // A new sign-in with password and code may too; an API token never.
  nextStep();
  const again = client(srv);
  await password(again, 'lars');
  res = await again.post('/signin/code?next=%2Fme%2Fsettings', { code: totpCode(secret, now) });
  assert.equal(res.status, 303);
  html = await (await again.get(`/persons/${mette}/emergency`)).text();
  assert.match(html, /name="reason"/);
  sql(`DELETE FROM emergency_access WHERE user_id=${q(userId('lars'))}`);

  // From the command line, for a lost phone with nobody to reset it.
  let r = roscCli(['user', 'reset-second-factor', 'lars', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sql(`SELECT count(*) FROM second_factor WHERE user_id=${q(userId('lars'))}`), '0');
  assert.equal(sessions('lars'), 0);
  assert.equal(sql(`SELECT client_addr FROM audit WHERE action='second_factor.reset' ORDER BY seq DESC LIMIT 1`), 'cli');
  r = roscCli(['user', 'reset-second-factor', 'lars', '--db', srv.db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /lars has no second factor/);
});
