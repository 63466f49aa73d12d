// Crash safety: a mixed write load against a real rosc, and the crash of
// whatever holds the data, at least 30 times at random moments. Every write
// rosc acknowledged with a 2xx must be there afterwards, and the audit log
// must verify.
//
// SQLite (synchronous=FULL): rosc itself is killed with SIGKILL and started
// again on the same file. PostgreSQL: the database server of a cluster of
// the test's own is stopped as a crash would (pg_ctl stop -m immediate) and
// started again, while rosc serves on and reconnects. That cluster keeps
// fsync off but synchronous_commit on (tests/pg/cluster.sh,
// ROSC_PG_SYNC_COMMIT): a crash of the server loses no acknowledged commit
// that way, a crash of the machine could; this test is about the former.
//
// The load: Mette creates goals over FHIR, Karin writes to her in a thread
// over the API, and Karin reads Mette's record over FHIR (each read is in
// Mette's access log before its answer). ROSC_CRASH_KILLS sets the number of
// crashes (30).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, PG, BACKEND, roscCli, psql, pgUrl, ROOT, RUN_AS } from '../lib/rosc.mjs';
import { spawnSync } from '../lib/run.mjs';
import { ledger, load, prepare, checkAll } from '../lib/load.mjs';

const KILLS = Number(process.env.ROSC_CRASH_KILLS || 30);
const SANITIZER = /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function report(what, kills, acked) {
  const n = acked.goals.length + acked.messages.length + acked.reads.length;
  console.log(`# crash (${BACKEND}): ${kills} ${what}; acknowledged ${n} (goals ${acked.goals.length}, `
    + `messages ${acked.messages.length}, logged reads ${acked.reads.length}), lost 0; `
    + `${acked.refused} answered 5xx and ${acked.failed} cut off, none counted`);
  assert.ok(acked.goals.length > KILLS && acked.messages.length > KILLS && acked.reads.length > KILLS,
    'the load wrote between the crashes');
}

test(`SIGKILL of rosc ${KILLS} times under write load loses no acknowledged write (SQLite)`, { skip: PG ? 'SQLite only' : false }, async () => {
  const first = await startRosc();
  let srv = first;
  try {
    const { t, ids } = await prepare(first);
    const acked = ledger();
    for (let k = 0; k < KILLS; k++) {
      if (k > 0) srv = await startRosc({ db: first.db });
      let stopped = false;
      const url = srv.url;
      const running = load(() => url, t, ids, acked, () => stopped);
      await sleep(150 + Math.random() * 450);
      const gone = new Promise((r) => srv.child.once('close', r));
      srv.child.kill('SIGKILL');
      await gone;
      stopped = true;
      await running;
      assert.doesNotMatch(srv.log(), SANITIZER);
      if (srv !== first) rmSync(srv.dir, { recursive: true, force: true });
    }
    // Once more, stopped cleanly, and everything checked.
    srv = await startRosc({ db: first.db });
    checkAll((x) => srv.sql(x), ids, acked);
    await srv.stop();
    rmSync(srv.dir, { recursive: true, force: true });
    const v = roscCli(['audit', 'verify', '--db', first.db]);
    assert.equal(v.status, 0, `the audit log verifies:\n${v.stdout}${v.stderr}`);
    report('SIGKILLs of rosc', KILLS, acked);
  } finally {
    srv.child.kill('SIGKILL');
    rmSync(srv.dir, { recursive: true, force: true });
    rmSync(first.dir, { recursive: true, force: true });
  }
});

test(`PostgreSQL crashed ${KILLS} times under write load loses no acknowledged write`, { skip: PG ? false : 'PostgreSQL only' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-crash-pg-'));
  if (RUN_AS) chmodSync(dir, 0o755);
  const cluster = (cmd) => {
    const r = spawnSync(join(ROOT, 'tests/pg/cluster.sh'), [cmd, join(dir, 'pg')],
      { encoding: 'utf8', env: { ...process.env, ROSC_PG_SYNC_COMMIT: '1' }, timeout: 90000 });
    assert.equal(r.status, 0, `cluster ${cmd}: ${r.stderr}`);
    return r.stdout.trim();
  };
  // While the load runs, asynchronously: a synchronous spawn would stop the
  // load's own requests too.
  const clusterNow = (cmd) => new Promise((res, rej) => {
    execFile(join(ROOT, 'tests/pg/cluster.sh'), [cmd, join(dir, 'pg')],
      { env: { ...process.env, ROSC_PG_SYNC_COMMIT: '1' }, timeout: 90000 },
      (e, out, err) => (e ? rej(new Error(`cluster ${cmd}: ${err}`)) : res()));
  });
  const url = cluster('start');
  let srv;
  try {
    // The demo database, copied from the suite's template on the shared
    // server (quicker than making it again; the same audit key).
    psql(url, 'CREATE DATABASE rosc');
    const db = url.replace(/\/postgres$/, '/rosc');
    const dump = spawnSync('sh', ['-c', 'pg_dump --no-owner -d "$1" | psql -XAtq -v ON_ERROR_STOP=1 -d "$2"',
      'sh', pgUrl(process.env.ROSC_PG_TEMPLATE || 'rosc_demo'), db], { encoding: 'utf8', timeout: 60000 });
    assert.equal(dump.status, 0, `copying the demo database: ${dump.stderr}`);
    srv = await startRosc({ db });
    const { t, ids } = await prepare(srv);
    const acked = ledger();
    let stopped = false;
    const running = load(() => srv.url, t, ids, acked, () => stopped);
    for (let k = 0; k < KILLS; k++) {
      await sleep(150 + Math.random() * 450);
      await clusterNow('crash');
      await sleep(Math.random() * 200);
      await clusterNow('resume');
    }
    // rosc carries on after the last restart.
    const before = acked.goals.length;
    for (let i = 0; i < 100 && acked.goals.length === before; i++) await sleep(100);
    stopped = true;
    await running;
    assert.ok(acked.goals.length > before, 'rosc writes again after the database came back');
    checkAll((x) => psql(db, x), ids, acked);
    await srv.stop();
    const v = roscCli(['audit', 'verify', '--db', db]);
    assert.equal(v.status, 0, `the audit log verifies:\n${v.stdout}${v.stderr}`);
    report('immediate stops of PostgreSQL', KILLS, acked);
  } finally {
    if (srv) await srv.stop().catch(() => {});
    cluster('stop');
    rmSync(dir, { recursive: true, force: true });
  }
});
