// The outbox: a real rosc sends e-mail to a real mail server on loopback
// (aiosmtpd) and text messages to an SMS hook (a node server on loopback).
// What arrives is a proper message; a message survives `kill -9` and
// arrives exactly once; one queued while the mail server is down arrives
// after the back-off; one whose sender was killed mid-send becomes unsure
// and is not sent again until an admin says so. Without a mail server the
// demo writes e-mail to the log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, roscCli, serveArgs, PG } from '../lib/rosc.mjs';
import { startSmtpSink } from '../lib/smtp.mjs';

const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
let now = Date.parse('2026-03-03T09:00:00Z');
function setNow(ms) { now = ms; writeFileSync(clockFile, iso(ms) + '\n'); }
const SEC = 1000;

const sinkDir = mkdtempSync(join(tmpdir(), 'rosc-smtp-'));
const SLOW = ['slow', 6];     // the first "slow" message waits 6 s for its answer
let sink;

// The SMS provider: answers from `answers` in turn (then 200), and 400 to
// one number.
const posts = [];
const answers = [];
const smsServer = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    const json = JSON.parse(body);
    posts.push({ headers: req.headers, json });
    const code = json.to === '+4500000400' ? 400 : (answers.shift() ?? 200);
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ accepted: code < 300 }));
  });
});

let srv;
const killed = [];
let env;

before(async () => {
  setNow(now);
  sink = await startSmtpSink({ dir: sinkDir, slow: SLOW });
  await new Promise((res) => smsServer.listen(0, '127.0.0.1', res));
  env = {
    ROSC_TEST_NOW: `file:${clockFile}`,
    ROSC_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    ROSC_SMTP_STARTTLS: 'off',
    ROSC_MAIL_FROM: 'Rådgivning Nord <rosc@example.org>',
    ROSC_BASE_URL: 'https://rosc.example.org',
    ROSC_SMS_URL: `http://127.0.0.1:${smsServer.address().port}/send`,
    ROSC_SMS_TOKEN: 'sms-token-1',
  };
  srv = await startRosc({ env });
});

after(async () => {
  await srv.stop();
  // The killed ones last: the first holds the database the others used.
  for (const k of killed.reverse()) await k.stop().catch(() => {});
  await sink.stop();
  smsServer.close();
  rmSync(sinkDir, { recursive: true, force: true });
  rmSync(clockDir, { recursive: true, force: true });
});

/** Waits (the sender looks once a second) until ok() holds. */
async function until(ok, what, ms = 15000) {
  for (let t = 0; t < ms; t += 100) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-3000)}\n${sink.log()}`);
}

/** `rosc outbox ARGS` on the served database, with the test clock (or at). */
function outbox(args, { at = null } = {}) {
  return roscCli(['outbox', ...args, '--db', srv.db],
    { env: { ROSC_TEST_NOW: at === null ? `file:${clockFile}` : iso(at) } });
}

/** Queues a test message; returns its id. */
function queue(to, { subject, body, at } = {}) {
  const args = ['test', '--to', to];
  if (subject !== undefined) args.push('--subject', subject);
  if (body !== undefined) args.push('--body', body);
  const r = outbox(args, { at });
  assert.equal(r.status, 0, r.stderr);
  const m = /\b([0-9a-f]{32})\b/.exec(r.stdout);
  assert.ok(m, r.stdout);
  return m[1];
}

const row = (id) => {
  const [state, attempts, sendAt, lastError] =
    srv.sql(`SELECT state, attempts, send_at_us, coalesce(last_error, '') FROM outbox WHERE id = '${id}'`).split('|');
  return { state, attempts: Number(attempts), sendAt: Number(sendAt), lastError };
};
const arrived = (id) => sink.messages().filter((m) => (m.headers['message-id'] || '').includes(id));
const begun = (id) => sink.dataStarts().filter((m) => m.includes(id));

async function kill9(s) {
  s.child.kill('SIGKILL');
  while (s.child.exitCode === null && s.child.signalCode === null) await sleep(20);
  killed.push(s);
}

test('an e-mail arrives as a proper message, its subject and text in UTF-8', async () => {
  const subject = 'Påmindelse: din aftale på tirsdag ✓ — husk din plan og tag gerne en ven med';
  const body = 'Hej Anne,\n.en linje der begynder med et punktum\nVi ses på tirsdag kl. 10 — = og æøå.\n';
  const id = queue('anne@example.org', { subject, body });
  await until(() => arrived(id).length === 1, 'the message');
  const m = arrived(id)[0];
  assert.equal(m.mail_from, 'rosc@example.org');
  assert.deepEqual(m.rcpt_tos, ['anne@example.org']);
  assert.equal(m.subject, subject);
  assert.equal(m.text.replace(/\r\n/g, '\n'), body);
  assert.equal(m.content_type, 'text/plain');
  assert.equal(m.charset, 'utf-8');
  assert.equal(m.headers['message-id'], `<${id}@rosc.example.org>`);
  assert.equal(m.headers['mime-version'], '1.0');
  assert.equal(m.headers.to, 'anne@example.org');
  assert.equal(m.headers.from, 'Rådgivning Nord <rosc@example.org>');
  assert.equal(m.headers.date, 'Tue, 03 Mar 2026 09:00:00 +0000');
  // On the wire: every line ends in CRLF and none is longer than 78.
  const raw = m.raw.toString('latin1');
  assert.ok(!/[^\r]\n/.test(raw), 'a bare LF');
  assert.ok(raw.split('\r\n').every((l) => l.length <= 78), raw);
  assert.ok(/^[\x00-\x7f]*$/.test(raw), 'the message itself is ASCII');
  await until(() => row(id).state === 'sent', 'sent');
  assert.equal(row(id).attempts, 1);
  const list = outbox(['--all']);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^sent +email .* 1 ${id} a\\*\\*\\*@example\\.org$`, 'm'));
});

test('a header with a line break in it is refused', () => {
  const r = outbox(['test', '--to', 'anne@example.org', '--subject', 'Hi\r\nBcc: all@example.org']);
  assert.equal(r.status, 2);
  assert.equal(srv.sql("SELECT count(*) FROM outbox WHERE subject LIKE 'Hi%'"), '0');
  const bad = outbox(['test', '--to', 'anne@example.org\r\nBcc: all@example.org']);
  assert.equal(bad.status, 2);
});

test('a message queued for later survives kill -9 and arrives exactly once', async () => {
  const due = now + 3600 * SEC;
  const id = queue('ben@example.org', { subject: 'Later', at: due });
  await sleep(1500);
  assert.equal(row(id).state, 'queued');
  assert.equal(begun(id).length, 0);
  await kill9(srv);
  srv = await startRosc({ db: srv.db, env });
  await sleep(1500);
  assert.equal(begun(id).length, 0, 'not before its time');
  setNow(due + SEC);
  await until(() => arrived(id).length === 1, 'the message after the restart');
  await until(() => row(id).state === 'sent', 'sent');
  await sleep(2500);
  assert.equal(arrived(id).length, 1);
  assert.equal(begun(id).length, 1);
  assert.equal(row(id).attempts, 1);
});

test('a message queued while the mail server is down arrives once after the back-off', async () => {
  const port = sink.port;
  await sink.stop({ keep: true });
  const id = queue('carl@example.org', { subject: 'Down' });
  await until(() => row(id).attempts === 1 && row(id).state === 'queued', 'the failed try');
  assert.equal(row(id).sendAt, now * 1000 + 30 * SEC * 1000);
  assert.match(row(id).lastError, /smtp/);
  const said = new RegExp(`msg="message will be tried again" id=${id} channel=email attempt=1 in_s=30`);
  await until(() => said.test(srv.log()), 'the log line');
  sink = await startSmtpSink({ port, dir: sinkDir, slow: SLOW });
  await sleep(1500);
  assert.equal(arrived(id).length, 0, 'not before the back-off');
  setNow(now + 31 * SEC);
  await until(() => arrived(id).length === 1, 'the message after the back-off');
  await until(() => row(id).state === 'sent', 'sent');
  await sleep(2000);
  assert.equal(arrived(id).length, 1);
  assert.equal(row(id).attempts, 2);
});

test('a message whose sender was killed mid-send is unsure and not sent again', async () => {
  const id = queue('dora@example.org', { subject: 'slow reminder' });
  await until(() => begun(id).length === 1, 'the DATA');
  await kill9(srv);
  assert.equal(row(id).state, 'sending');
  srv = await startRosc({ db: srv.db, env });
  await sleep(1500);
  assert.equal(row(id).state, 'sending', 'its claim still holds');
  // The claim runs out (5 minutes): it may have arrived, so it is not sent.
  setNow(now + 6 * 60 * SEC);
  await until(() => row(id).state === 'unsure', 'unsure');
  // Logged once the change is durable.
  const said = new RegExp(`msg="message may or may not have arrived[^"]*" id=${id}`);
  await until(() => said.test(srv.log()), 'the log line');
  await sleep(2500);
  assert.equal(begun(id).length, 1, 'never begun again');
  assert.equal(row(id).attempts, 1);
  const list = outbox([]);
  assert.match(list.stdout, new RegExp(`^unsure +email .* 1 ${id} d\\*\\*\\*@example\\.org its sender stopped`, 'm'));
  assert.match(list.stdout, /1 unsure/);
  // An admin decides to send it again.
  const again = outbox(['retry', id]);
  assert.equal(again.status, 0, again.stderr);
  await until(() => row(id).state === 'sent', 'sent after the retry');
  assert.equal(begun(id).length, 2);
  assert.equal(row(id).attempts, 1);
  // Only an unsure or failed one goes back.
  assert.equal(outbox(['retry', id]).status, 1);
  assert.equal(outbox(['retry', '0123456789abcdef0123456789abcdef']).status, 1);
});

test('a text message goes to the SMS hook, again after a 503, and a 400 fails it', async () => {
  answers.push(503);
  const id = queue('+4512345678', { body: 'Husk din aftale i morgen kl. 10 ✓' });
  await until(() => row(id).attempts === 1 && row(id).state === 'queued', 'the 503');
  assert.match(row(id).lastError, /503/);
  setNow(now + 31 * SEC);
  await until(() => row(id).state === 'sent', 'sent after the back-off');
  const mine = posts.filter((p) => p.json.id === id);
  assert.equal(mine.length, 2);
  assert.deepEqual(mine[1].json, { to: '+4512345678', body: 'Husk din aftale i morgen kl. 10 ✓', id });
  assert.equal(mine[1].headers.authorization, 'Bearer sms-token-1');
  assert.equal(mine[1].headers['idempotency-key'], id);
  assert.equal(mine[1].headers['content-type'], 'application/json');
  const bad = queue('+4500000400');
  await until(() => row(bad).state === 'failed', 'failed on a 400');
  assert.match(row(bad).lastError, /400/);
  assert.equal(row(bad).attempts, 1);
  const list = outbox([]);
  assert.match(list.stdout, new RegExp(`^failed +sms +.* 1 ${bad} \\+45\\*+400 sms provider answered 400`, 'm'));
});

test('two processes on one PostgreSQL database send each message once', { skip: !PG && 'PostgreSQL only' }, async () => {
  const second = await startRosc({ db: srv.db, env });
  try {
    const due = now + 60 * SEC;
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(queue(`many${i}@example.org`, { subject: `Many ${i}`, at: due }));
    setNow(due);
    await until(() => ids.every((id) => row(id).state === 'sent'), 'all sent');
    await sleep(1500);
    for (const id of ids) {
      assert.equal(begun(id).length, 1, `${id} begun once`);
      assert.equal(arrived(id).length, 1, `${id} arrived once`);
      assert.equal(row(id).attempts, 1);
    }
  } finally {
    await second.stop();
  }
});

test('without a mail server, e-mail is written to the log and counted as sent', async () => {
  const demo = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  try {
    assert.match(demo.log(), /no SMTP server is configured \(ROSC_SMTP_URL\): e-mail is written to this log/);
    const r = roscCli(['outbox', 'test', '--to', 'eva@example.org', '--body', 'Line one\nline "two"', '--db', demo.db],
      { env: { ROSC_TEST_NOW: `file:${clockFile}` } });
    assert.equal(r.status, 0, r.stderr);
    const id = /\b([0-9a-f]{32})\b/.exec(r.stdout)[1];
    const line = new RegExp(`msg="e-mail written here, not sent \\(no SMTP server is configured\\)" id=${id} ` +
      'to="eva@example.org" subject="[^"]+" body="Line one\\\\nline \\\\"two\\\\""');
    for (let t = 0; t < 100 && !line.test(demo.log()); t++) await sleep(100);
    assert.match(demo.log(), line);
    for (let t = 0; t < 50 && demo.sql(`SELECT state FROM outbox WHERE id = '${id}'`) !== 'sent'; t++) await sleep(100);
    assert.equal(demo.sql(`SELECT state FROM outbox WHERE id = '${id}'`), 'sent');
  } finally {
    await demo.stop();
  }
});

test('rosc outbox explains itself and refuses what it cannot do', () => {
  const help = roscCli(['outbox', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: rosc outbox/);
  assert.equal(outbox(['--bogus']).status, 2);
  assert.equal(outbox(['test']).status, 2);
  assert.equal(outbox(['test', '--to', 'not-an-address']).status, 2);
  const serveHelp = roscCli(['serve', '--help']);
  assert.match(serveHelp.stdout, /--smtp-url URL/);
  assert.match(serveHelp.stdout, /ROSC_SMTP_PASSWORD_FILE/);
  const noFrom = roscCli(['serve', '--listen', '127.0.0.1:0', '--db', srv.db, '--smtp-url', 'smtp://127.0.0.1:1', ...serveArgs()],
    { env: { ROSC_MAIL_FROM: '' } });
  assert.equal(noFrom.status, 2);
  assert.match(noFrom.stderr, /ROSC_MAIL_FROM/);
  const badUrl = roscCli(['serve', '--db', srv.db, '--smtp-url', 'http://mail.example.org']);
  assert.equal(badUrl.status, 2);
});
