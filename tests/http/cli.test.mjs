// The command line: help, version, routes, init, demo, backup and restore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdtempSync, rmSync, writeFileSync, existsSync, copyFileSync, readFileSync,
} from 'node:fs';
import { spawnSync } from '../lib/run.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roscCli as cli, DEMO_PASSWORD } from '../lib/rosc.mjs';

// init needs the first admin's password: give it, as make run does.
const roscCli = (args, opts = {}) => cli(args, { ...opts, env: { ROSC_ADMIN_PASSWORD: DEMO_PASSWORD, ...(opts.env || {}) } });

const sql = (db, q) => spawnSync('sqlite3', [db, q], { encoding: 'utf8' }).stdout.trim();

test('--help and --version', () => {
  const h = roscCli(['--help']);
  assert.equal(h.status, 0);
  for (const c of ['serve', 'init', 'migrate', 'demo', 'routes', 'backup', 'restore']) {
    assert.match(h.stdout, new RegExp(`^  ${c} `, 'm'));
    const sub = roscCli([c, '--help']);
    assert.equal(sub.status, 0, c);
    assert.match(sub.stdout, new RegExp(`^Usage: rosc ${c}`), c);
  }
  const v = roscCli(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^rosc \d+\.\d+\.\d+/);
  const none = roscCli([]);
  assert.equal(none.status, 2);
  const bad = roscCli(['frobnicate']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown command/);
});

test('the command line speaks the environment\'s language', () => {
  const r = roscCli(['--help'], { env: { LANG: 'da_DK.UTF-8', LC_ALL: '' } });
  assert.equal(r.status, 0);
  assert.doesNotMatch(r.stdout, /^Usage:/, 'Danish help text');
});

test('routes --json lists the sorted table', () => {
  const r = roscCli(['routes', '--json']);
  assert.equal(r.status, 0);
  const routes = JSON.parse(r.stdout);
  assert.ok(routes.length >= 5);
  const keys = routes.map((x) => `${x.path} ${x.method}`);
  assert.deepEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), keys);
  assert.ok(routes.find((x) => x.path === '/' && x.method === 'GET'));
  for (const x of routes) assert.ok(Array.isArray(x.flags));
  const plain = roscCli(['routes']);
  assert.match(plain.stdout, /^GET +\/healthz/m);
});

test('init, demo: idempotent; the installation keeps its identity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-cli-'));
  const db = join(dir, 'sub', 'rosc.db');
  try {
    const a = roscCli(['init', '--db', `sqlite:${db}`]);
    assert.equal(a.status, 0, a.stderr);
    const id = sql(db, "SELECT value FROM meta WHERE key='instance_id'");
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(roscCli(['init', '--db', `sqlite:${db}`]).status, 0);
    assert.equal(sql(db, "SELECT value FROM meta WHERE key='instance_id'"), id);
    const d1 = roscCli(['demo', '--db', `sqlite:${db}`]);
    assert.equal(d1.status, 0, d1.stderr);
    const d2 = roscCli(['demo'], { env: { ROSC_DB: `sqlite:${db}` } });
    assert.equal(d2.status, 0, d2.stderr);
    assert.equal(d1.stdout, d2.stdout);
    assert.equal(sql(db, 'PRAGMA journal_mode'), 'wal');
    assert.equal(sql(db, 'SELECT count(*) FROM schema_migrations') > 0, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init without a password for the first admin fails clearly, and creates none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-cli-'));
  try {
    const db = join(dir, 'rosc.db');
    const r = cli(['init', '--db', `sqlite:${db}`], { env: { ROSC_ADMIN_PASSWORD: '' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /ROSC_ADMIN_PASSWORD/);
    const weak = cli(['init', '--db', `sqlite:${db}`], { env: { ROSC_ADMIN_PASSWORD: 'password123' } });
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /too common/);
    assert.equal(sql(db, 'SELECT count(*) FROM user_account'), '0');
    const ok = cli(['init', '--db', `sqlite:${db}`, '--admin', 'root-admin'], { env: { ROSC_ADMIN_PASSWORD: 'a-good-long-secret' } });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(sql(db, 'SELECT username || is_sysadmin FROM user_account'), 'root-admin1');
    assert.equal(sql(db, "SELECT action FROM audit"), 'user.create');
    // The key file is private.
    const mode = spawnSync('stat', ['-c', '%a', db + '.audit-key'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(mode, '600');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('user add, list and disable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-cli-'));
  const url = `sqlite:${join(dir, 'rosc.db')}`;
  try {
    assert.equal(roscCli(['init', '--db', url]).status, 0);
    assert.equal(roscCli(['demo', '--db', url]).status, 0);
    let r = roscCli(['user', 'add', '--db', url, '--name', 'nora', '--display', 'Nora Ølgaard', '--org', 'Jobcenter Amager', '--role', 'coordinator'], { env: { ROSC_USER_PASSWORD: 'a-good-long-secret' } });
    assert.equal(r.status, 0, r.stderr);
    r = roscCli(['user', 'add', '--db', url, '--name', 'nora'], { env: { ROSC_USER_PASSWORD: 'a-good-long-secret' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already taken/);
    r = roscCli(['user', 'add', '--db', url, '--name', 'x!'], {});
    assert.equal(r.status, 2);
    r = roscCli(['user', 'add', '--db', url, '--name', 'ghost', '--org', 'Nowhere', '--role', 'volunteer']);
    assert.equal(r.status, 1);
    r = roscCli(['user', 'add', '--db', url, '--name', 'invitee']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\/invite\/[A-Za-z0-9_-]{43}/, 'no password, no terminal: a link');
    const list = roscCli(['user', 'list', '--db', url]);
    assert.equal(list.status, 0);
    assert.match(list.stdout, /^nora +Nora Ølgaard +staff +Jobcenter Amager \(coordinator\)$/m);
    assert.equal(roscCli(['user', 'disable', '--db', url, 'nora']).status, 0);
    assert.match(roscCli(['user', 'list', '--db', url]).stdout, /^nora .*\[disabled\]$/m);
    assert.equal(roscCli(['user', 'disable', '--db', url, 'nobody-here']).status, 1);
    assert.equal(roscCli(['user', '--db', url]).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('backup and restore: a round trip, and no overwrite without --force', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-cli-'));
  const db = join(dir, 'rosc.db');
  const url = `sqlite:${db}`;
  const file = join(dir, 'backup.db');
  try {
    assert.equal(roscCli(['init', '--db', url]).status, 0);
    assert.equal(roscCli(['demo', '--db', url]).status, 0);
    const id = sql(db, "SELECT value FROM meta WHERE key='instance_id'");
    const b = roscCli(['backup', '--db', url, file]);
    assert.equal(b.status, 0, b.stderr);
    assert.ok(existsSync(file));
    assert.ok(!existsSync(file + '.partial'));
    // Change the live database after the backup.
    spawnSync('sqlite3', [db, "UPDATE meta SET value='changed' WHERE key='instance_id'"]);
    const refused = roscCli(['restore', '--db', url, file]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /--force/);
    assert.equal(sql(db, "SELECT value FROM meta WHERE key='instance_id'"), 'changed');
    const r = roscCli(['restore', '--db', url, '--force', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sql(db, "SELECT value FROM meta WHERE key='instance_id'"), id);
    // Into a new place (without its audit key: see the test below).
    const other = join(dir, 'new', 'rosc.db');
    assert.equal(roscCli(['restore', '--db', `sqlite:${other}`, file]).status, 1);
    assert.equal(sql(other, "SELECT value FROM meta WHERE key='instance_id'"), id);
    // Not a backup at all.
    writeFileSync(join(dir, 'junk'), 'this is not a database');
    const junk = roscCli(['restore', '--db', url, '--force', join(dir, 'junk')]);
    assert.equal(junk.status, 1);
    assert.match(junk.stderr, /not a rosc backup/);
    assert.equal(sql(db, "SELECT value FROM meta WHERE key='instance_id'"), id, 'nothing lost');
    const missing = roscCli(['restore', '--db', url, '--force', join(dir, 'nope.db')]);
    assert.equal(missing.status, 1);
    // Backup needs its file argument.
    assert.equal(roscCli(['backup', '--db', url]).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The backup holds the audit log but not its key. With the key in place,
// restore checks the log at once; without it, restore fails and says where
// the key must go, and once it is there the log checks clean: the head file
// was written by restore, so nothing is reported missing that is not.
test('restore checks the audit log with its key, and says where a missing key goes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-cli-'));
  const db = join(dir, 'rosc.db');
  const url = `sqlite:${db}`;
  const file = join(dir, 'backup.db');
  const head = (p) => readFileSync(`${p}.audit-head`, 'utf8').trim();
  try {
    assert.equal(roscCli(['init', '--db', url]).status, 0);
    assert.equal(roscCli(['demo', '--db', url]).status, 0);
    assert.equal(roscCli(['backup', '--db', url, file]).status, 0);
    const backupHead = head(db);
    // The live log grows after the backup, so its head file moves on.
    const add = roscCli(['user', 'add', '--db', url, '--name', 'later'],
      { env: { ROSC_USER_PASSWORD: 'a-good-long-secret' } });
    assert.equal(add.status, 0, add.stderr);
    assert.notEqual(head(db), backupHead);

    // Key present: the restore rewrites the head and checks the chain.
    let r = roscCli(['restore', '--db', url, '--force', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /The audit log is intact: \d+ entries/);
    assert.equal(head(db), backupHead);
    r = roscCli(['audit', 'verify', '--db', url]);
    assert.equal(r.status, 0, r.stderr);

    // Key absent: restored, but not done; the message names the key file.
    const other = join(dir, 'new', 'rosc.db');
    const otherUrl = `sqlite:${other}`;
    r = roscCli(['restore', '--db', otherUrl, file]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /Restored/);
    assert.ok(r.stderr.includes(`\n  ${other}.audit-key\n`), r.stderr);
    assert.ok(r.stderr.includes(`rosc audit verify --db ${otherUrl}`), r.stderr);
    assert.match(r.stderr, /Do not run rosc init or rosc migrate/);
    assert.equal(head(other), backupHead, 'the head file is written without the key');
    assert.ok(!existsSync(`${other}.audit-key`), 'no new key is made');
    // rosc will not serve or check without it.
    assert.equal(roscCli(['audit', 'verify', '--db', otherUrl]).status, 1);
    // With the key put where it said: clean, no false damage.
    copyFileSync(`${db}.audit-key`, `${other}.audit-key`);
    r = roscCli(['audit', 'verify', '--db', otherUrl]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /intact/);

    // ROSC_AUDIT_KEY_FILE: the message names the file it names.
    const third = join(dir, 'third', 'rosc.db');
    const keyFile = join(dir, 'keys', 'third.key');
    r = roscCli(['restore', '--db', `sqlite:${third}`, file], { env: { ROSC_AUDIT_KEY_FILE: keyFile } });
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`\n  ${keyFile}\n`), r.stderr);

    // The wrong key: restored, but the check fails and says so.
    const fourth = join(dir, 'fourth', 'rosc.db');
    r = roscCli(['restore', '--db', `sqlite:${fourth}`, file], { env: { ROSC_AUDIT_KEY: 'ab'.repeat(32) } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not intact/);
    assert.match(r.stderr, /audit key/);

    // PostgreSQL is restored with its own tools.
    r = roscCli(['restore', '--db', 'postgres://127.0.0.1:1/nothing', file]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /pg_restore/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
