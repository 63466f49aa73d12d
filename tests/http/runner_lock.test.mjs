// The background work (the jobs, the outbox's sender) runs in one rosc
// process at a time on PostgreSQL: the one holding the advisory lock
// (store/runner_lock.c). Another process on the same database waits, and
// takes over within seconds when the first dies (SIGKILL: no goodbye).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, PG } from '../lib/rosc.mjs';

async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

const RUNS = /msg="this process runs the background work"/;
const WAITS = /msg="another process runs the background work"/;

// A job due now, of a kind every rosc runs; its row says who ran it.
function queueJob(srv, id) {
  srv.sql(`INSERT INTO job (id, kind, payload, state, run_at_us, attempts, created_us)
    VALUES ('${id}', 'housekeeping', '', 'queued', 0, 0, 0)`);
}
const ranBy = (srv, id) => srv.sql(`SELECT state || ' ' || coalesce(claimed_by, '') FROM job WHERE id = '${id}'`);

test('one process runs the background work; another takes over after a SIGKILL',
  { skip: !PG && 'PostgreSQL only: one process serves a SQLite file' }, async (t) => {
    const a = await startRosc();
    let b;
    try {
      await until('the first process holds the lock', () => RUNS.test(a.log()));
      b = await startRosc({ db: a.db });
      await until('the second process waits', () => WAITS.test(b.log()));
      assert.doesNotMatch(b.log(), RUNS);
      const locks = () => a.sql(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
        AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      assert.equal(locks(), '1');

      // While both live, only the first runs a job.
      queueJob(a, 'runner-lock-1');
      await until('the first job ran', () => /^done /.test(ranBy(a, 'runner-lock-1')));
      assert.match(ranBy(a, 'runner-lock-1'), new RegExp(`:${a.child.pid}:`));

      const killed = Date.now();
      a.child.kill('SIGKILL');
      await until('the second process takes over', () => RUNS.test(b.log()));
      const took = Date.now() - killed;
      assert.ok(took < 5000, `took over after ${took} ms`);
      t.diagnostic(`took over after ${took} ms`);
      queueJob(b, 'runner-lock-2');
      await until('the second job ran', () => /^done /.test(ranBy(b, 'runner-lock-2')));
      assert.match(ranBy(b, 'runner-lock-2'), new RegExp(`:${b.child.pid}:`));
      assert.equal(locks(), '1');
    } finally {
      await b?.stop();
      await a.stop().catch(() => {});    // killed: its exit is no clean one
    }
  });
