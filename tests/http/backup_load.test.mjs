// Backups under write load: a backup taken while rosc serves writes holds
// every write acknowledged before it began, restores into a new place,
// checks its audit log there with the key, and serves. Without the key the
// restore says where it must go. SQLite: rosc backup and rosc restore;
// PostgreSQL: pg_dump and pg_restore (rosc backup says to use them), then
// rosc audit verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, PG, BIN, roscCli, psql, pgUrl, RUN_AS } from '../lib/rosc.mjs';
import { spawnSync } from '../lib/run.mjs';
import { ledger, load, prepare, checkAll } from '../lib/load.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const BACKUPS = 3;

/** Runs a program without stopping the load meanwhile; resolves with its
 * exit status and what it wrote on stderr. */
function run(cmd, args, env = {}) {
  return new Promise((res) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (status) => res({ status, err }));
  });
}

/** Runs the load against srv while take(i) makes each backup in turn;
 * returns the ledger and the time each backup began. */
async function underLoad(srv, take) {
  const { t, ids } = await prepare(srv);
  const acked = ledger();
  let stopped = false;
  const running = load(() => srv.url, t, ids, acked, () => stopped);
  const began = [];
  try {
    for (let i = 0; i < BACKUPS; i++) {
      await sleep(300);
      began.push(Date.now());
      await take(i);
    }
  } finally {
    stopped = true;
    await running;
  }
  assert.ok(acked.goals.length > 0 && acked.messages.length > 0 && acked.reads.length > 0,
    'the load wrote while the backups were made');
  return { ids, acked, began };
}

const total = (acked) => acked.goals.length + acked.messages.length + acked.reads.length;

test('rosc backup under write load: each backup holds what was acknowledged before it, and restores elsewhere', { skip: PG ? 'SQLite only' : false }, async () => {
  const srv = await startRosc();
  const dir = mkdtempSync(join(tmpdir(), 'rosc-backup-'));
  try {
    const { ids, acked, began } = await underLoad(srv, async (i) => {
      const r = await run(BIN, ['backup', '--db', srv.db, join(dir, `b${i}.db`)]);
      assert.equal(r.status, 0, `rosc backup: ${r.err}`);
    });
    await srv.stop({ keep: true });
    for (let i = 0; i < BACKUPS; i++) {
      const file = join(dir, `b${i}.db`);
      assert.ok(existsSync(file) && !existsSync(`${file}.partial`));
      // Into a new place, without the key: refused, saying where it goes.
      const place = join(dir, `r${i}`, 'rosc.db');
      const r1 = roscCli(['restore', '--db', `sqlite:${place}`, file]);
      assert.equal(r1.status, 1);
      assert.ok(r1.stderr.includes(`${place}.audit-key`), `names the key's place:\n${r1.stderr}`);
      // With the key: restored, the log checked, and every write
      // acknowledged before the backup began is in it.
      copyFileSync(`${srv.dbPath}.audit-key`, `${place}.audit-key`);
      const r2 = roscCli(['restore', '--db', `sqlite:${place}`, '--force', file]);
      assert.equal(r2.status, 0, `restore: ${r2.stderr}`);
      const sql = (x) => spawnSync('sqlite3', [place, x], { encoding: 'utf8' }).stdout.trim();
      checkAll(sql, ids, acked, { before: began[i] });
      const v = roscCli(['audit', 'verify', '--db', `sqlite:${place}`]);
      assert.equal(v.status, 0, v.stderr);
    }
    // The newest one serves.
    if (RUN_AS) spawnSync('chown', ['-R', 'nobody:nogroup', dir]);
    const again = await startRosc({ db: `sqlite:${join(dir, `r${BACKUPS - 1}`, 'rosc.db')}` });
    assert.equal((await fetch(`${again.url}/healthz`)).status, 200);
    await again.stop();
    console.log(`# backup (sqlite): ${BACKUPS} backups under load, ${total(acked)} writes acknowledged, none lost`);
  } finally {
    await srv.stop().catch(() => {});
    rmSync(srv.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pg_dump under write load: each dump holds what was acknowledged before it, restores, and its log verifies', { skip: PG ? false : 'PostgreSQL only' }, async () => {
  const srv = await startRosc();
  const dir = mkdtempSync(join(tmpdir(), 'rosc-backup-'));
  const made = [];
  try {
    assert.match(roscCli(['backup', '--db', srv.db, join(dir, 'x')]).stderr, /pg_dump/);
    const { ids, acked, began } = await underLoad(srv, async (i) => {
      const r = await run('pg_dump', ['--format=custom', `--file=${join(dir, `d${i}.dump`)}`, srv.db]);
      assert.equal(r.status, 0, `pg_dump: ${r.err}`);
    });
    await srv.stop();
    for (let i = 0; i < BACKUPS; i++) {
      const name = `r_${process.pid}_${i}`;
      psql(pgUrl('postgres'), `CREATE DATABASE ${name}`);
      made.push(name);
      const r = spawnSync('pg_restore', ['--no-owner', `--dbname=${pgUrl(name)}`, join(dir, `d${i}.dump`)],
        { encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, `pg_restore: ${r.stderr}`);
      checkAll((x) => psql(pgUrl(name), x), ids, acked, { before: began[i] });
      const v = roscCli(['audit', 'verify', '--db', pgUrl(name)]);
      assert.equal(v.status, 0, v.stderr);
      // Without the key, the check cannot run, and says so.
      const nokey = roscCli(['audit', 'verify', '--db', pgUrl(name)], { env: { ROSC_AUDIT_KEY: '' } });
      assert.equal(nokey.status, 1);
    }
    const again = await startRosc({ db: pgUrl(made[BACKUPS - 1]) });
    assert.equal((await fetch(`${again.url}/healthz`)).status, 200);
    await again.stop();
    console.log(`# backup (postgres): ${BACKUPS} dumps under load, ${total(acked)} writes acknowledged, none lost`);
  } finally {
    await srv.stop().catch(() => {});
    for (const name of made) psql(pgUrl('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
});
