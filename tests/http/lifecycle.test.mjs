// Starting, refusing to start, graceful shutdown, HTTPS settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from '../lib/run.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { startRosc, roscCli, statusOf, serveArgs, giveToServer, RUN_AS } from '../lib/rosc.mjs';

test('serve refuses a missing database and says what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-t-'));
  giveToServer(dir);
  const r = roscCli(['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${dir}/none.db`, ...serveArgs()]);
  rmSync(dir, { recursive: true });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /rosc init --db sqlite:/);
});

test('serve refuses a database with pending migrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-t-'));
  const db = join(dir, 'old.db');
  // A database that predates every migration.
  const made = spawnSync('sqlite3', [db, 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_us INTEGER NOT NULL);']);
  assert.equal(made.status, 0);
  giveToServer(dir);
  const r = roscCli(['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${db}`, ...serveArgs()]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /rosc migrate --db sqlite:/);
  const m = roscCli(['migrate', '--db', `sqlite:${db}`]);
  assert.equal(m.status, 0, m.stderr);
  rmSync(dir, { recursive: true });
});

test('bad options are refused with a clear message', () => {
  for (const [args, re] of [
    [['serve', '--listen', 'nope'], /HOST:PORT/],
    [['serve', '--listen', '127.0.0.1:99999'], /HOST:PORT/],
    [['serve', '--db', 'mysql://x'], /sqlite:PATH/],
    [['serve', '--base-url', 'ftp://x'], /http/],
    [['serve', '--threads', '0'], /1 to 64/],
    [['serve', '--frobnicate'], /unknown option/],
    [['serve', '--db'], /needs a value/],
  ]) {
    const r = roscCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
  }
  const env = roscCli(['serve'], { env: { ROSC_LISTEN: 'bad' } });
  assert.equal(env.status, 2);
  assert.match(env.stderr, /ROSC_LISTEN/);
});

test('SIGTERM lets an in-flight request finish, then exits cleanly', async () => {
  const srv = await startRosc();
  const sock = net.connect(srv.port, '127.0.0.1');
  await new Promise((r) => sock.on('connect', r));
  let reply = '';
  sock.on('data', (d) => { reply += d.toString('latin1'); });
  const closed = new Promise((r) => sock.on('close', r));
  // Headers and half a body: the request is in flight.
  sock.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\nname');
  await new Promise((r) => setTimeout(r, 200));
  const stopping = srv.stop();
  await new Promise((r) => setTimeout(r, 300));
  // New connections are closed unanswered...
  const other = await new Promise((r) => {
    let got = '';
    const s = net.connect(srv.port, '127.0.0.1');
    s.on('connect', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('close', () => r(got));
    s.on('error', () => r(got));
  });
  assert.equal(other, '', 'no new requests answered while stopping');
  // ...but the one in flight is answered.
  sock.write('=abc');
  await closed;
  assert.equal(statusOf(reply), 405);
  const log = await stopping;
  assert.match(log, /msg="stopping" signal=SIGTERM/);
  assert.match(log, /msg=stopped/);
});

test('--base-url https turns on HSTS and Secure cookies', async () => {
  const srv = await startRosc({ args: ['--base-url', 'https://rosc.example.org'] });
  try {
    const res = await fetch(srv.url + '/');
    assert.match(res.headers.get('strict-transport-security'), /max-age=\d+/);
    const sw = await fetch(srv.url + '/lang?set=da&next=/', { redirect: 'manual' });
    assert.match(sw.headers.get('set-cookie'), /; Secure/);
  } finally {
    await srv.stop();
  }
});

test('--trusted-proxy: X-Forwarded-For is believed only from that peer', async () => {
  const srv = await startRosc({ args: ['--trusted-proxy', '127.0.0.1'] });
  try {
    const res = await fetch(srv.url + '/', { headers: { 'X-Forwarded-For': '198.51.100.7' } });
    assert.equal(res.status, 200);
  } finally {
    await srv.stop();
  }
});

test('started as root, rosc serves as another account, and only then', { skip: !RUN_AS && 'not root here' }, async () => {
  const r = roscCli(['serve', '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--user NAME/);
  const srv = await startRosc();
  try {
    const status = readFileSync(`/proc/${srv.child.pid}/status`, 'utf8');
    const uid = /^Uid:\s+(\d+)\s+(\d+)/m.exec(status);
    assert.notEqual(uid[1], '0');
    assert.notEqual(uid[2], '0');
    assert.equal((await fetch(srv.url + '/healthz')).status, 200);
  } finally {
    await srv.stop();
  }
  // An account that cannot write the database is refused before serving.
  const dir = mkdtempSync(join(tmpdir(), 'rosc-t-'));
  try {
    const init = roscCli(['init', '--db', `sqlite:${dir}/rosc.db`], { env: { ROSC_ADMIN_PASSWORD: 'a-good-long-secret' } });
    assert.equal(init.status, 0, init.stderr);
    const refused = roscCli(['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${dir}/rosc.db`, '--user', 'nobody']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /cannot write the database/);
    const nosuch = roscCli(['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${dir}/rosc.db`, '--user', 'no-such-account-here']);
    assert.equal(nosuch.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
