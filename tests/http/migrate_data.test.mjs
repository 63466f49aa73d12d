// rosc migrate-data: a SQLite deployment moved to PostgreSQL, counted,
// its audit chain verified with the same key, and served from there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startRosc, client, roscCli, copyDb, demoDatabase, giveToServer, PG, pgUrl, psql,
} from '../lib/rosc.mjs';

test('migrate-data: usage errors', () => {
  assert.equal(roscCli(['migrate-data']).status, 2);
  assert.equal(roscCli(['migrate-data', '--from', 'sqlite:a.db']).status, 2);
  assert.equal(roscCli(['migrate-data', '--from', 'sqlite:a.db', '--to', 'sqlite:a.db']).status, 2);
  const help = roscCli(['migrate-data', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--from URL --to URL/);
});

test('a SQLite deployment moves to PostgreSQL whole, and serves from there', { skip: !PG && 'needs a PostgreSQL test server' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-move-'));
  const name = `move_${process.pid}`;
  const lite = join(dir, 'rosc.db');
  copyDb(demoDatabase(), lite);
  giveToServer(dir);
  // Some life in the old deployment first: a view lands in Mette's access log.
  let old = await startRosc({ db: `sqlite:${lite}` });
  const mette = old.sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  const peter = await client(old).signIn('peter');
  assert.equal((await peter.get(`/persons/${mette}/plan`)).status, 200);
  const logged = old.sql('SELECT count(*) FROM access_log');
  const persons = old.sql('SELECT count(*) FROM person');
  assert.ok(Number(logged) > 0);
  assert.ok(Number(persons) >= 30, 'the demo has its people');
  await old.stop({ keep: true });

  psql(pgUrl('postgres'), `CREATE DATABASE ${name}`);
  let srv;
  try {
    // No key given: the SQLite key file carries the chain over.
    const noKey = { ROSC_AUDIT_KEY: '', ROSC_AUDIT_KEY_FILE: '' };
    let r = roscCli(['migrate-data', '--from', `sqlite:${lite}`, '--to', pgUrl(name)], { env: noKey });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^access_log +${logged} rows$`, 'm'));
    assert.match(r.stdout, new RegExp(`^person +${persons} rows$`, 'm'));
    assert.match(r.stdout, /The audit chain in the new database is intact: \d+ entries\./);
    assert.match(r.stdout, new RegExp(`ROSC_AUDIT_KEY_FILE=${lite}\\.audit-key`));
    assert.ok(!existsSync('rosc.audit-key'), 'no stray key file made');
    for (const table of ['person', 'plan_history', 'access_log', 'audit', 'consent']) {
      assert.equal(psql(pgUrl(name), `SELECT count(*) FROM ${table}`), old.sql(`SELECT count(*) FROM ${table}`), table);
    }

    // Never into a database that holds data.
    r = roscCli(['migrate-data', '--from', `sqlite:${lite}`, '--to', pgUrl(name)], { env: noKey });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already holds data/);

    // Served from PostgreSQL with the same key: the same people, the same log.
    srv = await startRosc({ db: pgUrl(name), env: { ROSC_AUDIT_KEY: '', ROSC_AUDIT_KEY_FILE: `${lite}.audit-key` } });
    const p = await client(srv).signIn('peter');
    const html = await (await p.get(`/persons/${mette}/plan`)).text();
    assert.match(html, /Mette/);
    const v = roscCli(['audit', 'verify', '--db', pgUrl(name)], { env: { ROSC_AUDIT_KEY: '', ROSC_AUDIT_KEY_FILE: `${lite}.audit-key` } });
    assert.equal(v.status, 0, v.stderr);
  } finally {
    if (srv) await srv.stop();
    psql(pgUrl('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
});
