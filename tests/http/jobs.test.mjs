// Background work: a real rosc runs its daily housekeeping at start and,
// when its clock moves a day on, again: expired sessions and old sign-in
// throttle rows are gone, and `rosc jobs` shows the next run queued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRosc, client, roscCli, DEMO_PASSWORD } from '../lib/rosc.mjs';

const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
const day = 24 * 60 * 60 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
function setNow(ms) { writeFileSync(clockFile, iso(ms) + '\n'); }

let srv;
before(async () => {
  setNow(Date.parse('2026-03-03T09:00:00Z'));
  srv = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
});
after(async () => { await srv.stop(); rmSync(clockDir, { recursive: true, force: true }); });

const count = (q) => Number(srv.sql(q));
const housekeepings = () => (srv.log().match(/msg=housekeeping /g) || []).length;

/** Waits (the runner looks once a second) until ok() holds. */
async function until(ok, what) {
  for (let i = 0; i < 100; i++) {
    if (ok()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}:\n${srv.log().slice(-2000)}`);
}

/** `rosc jobs` lines as {state, kind, runAt, attempts}. */
function jobs(...args) {
  const r = roscCli(['jobs', '--db', srv.db, ...args]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter((l) => /^\S+\s+\S+\s+\d{4}-/.test(l)).map((l) => {
    const [state, kind, runAt, attempts] = l.split(/\s+/);
    return { state, kind, runAt, attempts: Number(attempts) };
  });
}

test('housekeeping runs at start, then daily, and removes what has expired', async () => {
  await until(() => housekeepings() >= 1, 'the first housekeeping');
  let queued = jobs().filter((j) => j.kind === 'housekeeping');
  assert.equal(queued.length, 1, 'one housekeeping job waits');
  assert.equal(queued[0].state, 'queued');
  assert.equal(queued[0].runAt, '2026-03-04T09:00:00.000000Z');

  // A session, and throttle rows from a wrong password.
  await client(srv).signIn('peter');
  const c = client(srv);
  await c.get('/signin');
  const wrong = await c.post('/signin?next=%2F', { username: 'jonas', password: 'not-' + DEMO_PASSWORD });
  assert.notEqual(wrong.status, 303);
  assert.ok(count('SELECT count(*) FROM session') >= 1);
  assert.ok(count('SELECT count(*) FROM signin_throttle') >= 1);

  // Half a day on: nothing is due yet, nothing goes.
  setNow(Date.parse('2026-03-03T21:00:00Z'));
  await sleep(1500);
  assert.equal(housekeepings(), 1);
  assert.ok(count('SELECT count(*) FROM session') >= 1);

  // A day and a minute on: the session has expired and the throttle rows
  // are a day old; housekeeping runs and removes them.
  const later = Date.parse('2026-03-04T09:01:00Z');
  setNow(later);
  await until(() => housekeepings() >= 2, 'the second housekeeping');
  assert.equal(count('SELECT count(*) FROM session'), 0);
  assert.equal(count('SELECT count(*) FROM signin_throttle'), 0);
  assert.match(srv.log(), /msg=housekeeping sessions=[1-9]\d* throttles=[1-9]/);

  // Rescheduled a day after it ran; the runs done are listed with --all.
  queued = jobs().filter((j) => j.kind === 'housekeeping');
  assert.equal(queued.length, 1);
  assert.equal(queued[0].runAt, new Date(later + day).toISOString().replace('.000Z', '.000000Z'));
  const all = jobs('--all').filter((j) => j.kind === 'housekeeping');
  assert.equal(all.filter((j) => j.state === 'done').length, 2);
  assert.ok(all.every((j) => j.attempts <= 1));
});

test('rosc jobs explains itself and refuses unknown arguments', () => {
  const help = roscCli(['jobs', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: rosc jobs/);
  const bad = roscCli(['jobs', '--db', srv.db, '--bogus']);
  assert.equal(bad.status, 2);
});
