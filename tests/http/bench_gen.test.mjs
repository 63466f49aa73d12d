// rosc-bench-gen, a program of its own beside rosc (ROSC_BENCH_GEN, or the
// one next to ROSC_BIN): synthetic data for benchmarks, generated into an empty
// database (SQLite, or PostgreSQL with ROSC_TEST_PG), the same for the same
// size and seed, refused the second time, and served: the three benchmark
// accounts see what the benchmark script asks of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from '../lib/run.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  startRosc, client, roscCli, giveToServer, PG, pgUrl, psql, DEMO_PASSWORD, BIN, dbEnv,
} from '../lib/rosc.mjs';

const GEN = process.env.ROSC_BENCH_GEN || join(dirname(BIN), 'rosc-bench-gen');

/** Runs rosc-bench-gen synchronously; returns {status, stdout, stderr}. */
function benchGen(args) {
  const url = args[args.indexOf('--db') + 1];
  const r = spawnSync(GEN, args, {
    encoding: 'utf8', env: { ...process.env, ...dbEnv(url) }, input: '', timeout: 120000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A new database made by rosc init, with nothing else in it:
 * { url, sql(q), dir, cleanup() }. The caller must call cleanup().
 */
function emptyDb(tag) {
  let url, sql, cleanup, dir = null;
  if (PG) {
    const name = `bench_${process.pid}_${tag}_${Math.random().toString(36).slice(2, 8)}`;
    psql(pgUrl('postgres'), `CREATE DATABASE ${name}`);
    url = pgUrl(name);
    sql = (q) => psql(url, q);
    cleanup = () => psql(pgUrl('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    dir = mkdtempSync(join(tmpdir(), 'rosc-bench-gen-'));
    const path = join(dir, 'rosc.db');
    url = `sqlite:${path}`;
    sql = (q) => {
      const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', path, q], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
      return r.stdout.trim();
    };
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const r = roscCli(['init', '--db', url], { env: { ROSC_ADMIN_PASSWORD: DEMO_PASSWORD } });
  if (r.status !== 0) {
    cleanup();
    throw new Error(`rosc init failed: ${r.stderr}`);
  }
  return { url, sql, dir, cleanup };
}

/** The person ids of a database, in order, as one string. */
function personIds(db) {
  return db.sql('SELECT id FROM person ORDER BY id');
}

/** Text as it appears in HTML. */
function escaped(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

test('bench-gen: usage', () => {
  const help = benchGen(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--persons N/);
  assert.equal(benchGen(['--persons', 'many', '--db', 'sqlite:/nonexistent/x.db']).status, 2);
  assert.equal(benchGen(['--persons', '0', '--db', 'sqlite:/nonexistent/x.db']).status, 2);
  assert.equal(benchGen(['--seed']).status, 2);
  assert.equal(benchGen(['--frobnicate']).status, 2);
  // The server binary does not carry the generator.
  const gone = roscCli(['bench-gen', '--help']);
  assert.equal(gone.status, 2);
  assert.match(gone.stderr, /unknown command/);
});

test('bench-gen: 200 persons, the same each time, refused twice, and served', async () => {
  const dbs = [];
  let srv = null;
  try {
    const a = emptyDb('a');
    dbs.push(a);
    let r = benchGen(['--db', a.url, '--persons', '200', '--services', '100']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^200 of 200 persons$/m);
    for (const name of ['bench-coord', 'bench-staff', 'bench-person', 'bench-manager']) {
      assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
    }
    assert.match(r.stdout, new RegExp(DEMO_PASSWORD));
    assert.match(r.stdout, /^Generated 200 persons and 100 services in [\d.]+ s\.$/m);

    // The counts it prints are the rows in the database (and init's admin).
    const printed = Object.fromEntries([...r.stdout.matchAll(/^  ([a-z_]+) +(\d+)$/gm)]
      .map((m) => [m[1], Number(m[2])]));
    assert.equal(printed.person, 200);
    assert.equal(printed.plan_domain, 2000);
    // The directory: five services to an organisation, two locations each.
    assert.equal(printed.service, 100);
    assert.equal(printed.dir_organization, 20);
    assert.equal(printed.dir_location, 40);
    assert.equal(printed.service_at_location, 100);
    assert.ok(printed.dir_schedule >= 200, `weekly hours (${printed.dir_schedule})`);
    assert.ok(printed.service_language >= 100);
    assert.equal(a.sql("SELECT count(*) FROM dir_schedule WHERE freq <> 'WEEKLY' OR " +
      "byday NOT IN ('MO','TU','WE','TH','FR','SA','SU') OR length(opens_at) <> 5 OR substr(closes_at, 3, 1) <> ':' OR " +
      "timezone NOT IN ('Europe/Copenhagen', 'Europe/Amsterdam')"), '0');
    assert.equal(a.sql("SELECT count(*) FROM service WHERE domains NOT LIKE ',%,' OR stage IS NULL " +
      "OR search_key = '' OR search_key <> lower(search_key)"), '0');
    assert.ok(Number(a.sql('SELECT count(*) FROM service WHERE capacity_maximum > 0')) > 0);
    assert.ok(printed.total >= 200 * 150, `about 180 rows a person, got ${printed.total}`);
    for (const [table, n] of Object.entries(printed)) {
      if (table === 'total') continue;
      const extra = table === 'user_account' ? 1 : 0;
      assert.equal(Number(a.sql(`SELECT count(*) FROM ${table}`)), n + extra, table);
    }
    assert.equal(a.sql('SELECT count(*) FROM person'), '200');
    assert.equal(a.sql('SELECT count(*) FROM plan_domain'), '2000');
    assert.ok(Number(a.sql('SELECT count(*) FROM access_log')) > 0);
    assert.equal(a.sql("SELECT value FROM meta WHERE key = 'bench_persons'"), '200');
    assert.equal(a.sql("SELECT count(*) FROM meta WHERE key LIKE 'demo%'"), '0');
    // Every access-log entry is in the past; ids have the shape of ids.
    assert.equal(a.sql(`SELECT count(*) FROM access_log WHERE at_us >= ${Date.now() * 1000}`), '0');
    assert.equal(a.sql("SELECT count(*) FROM person WHERE length(id) <> 32"), '0');

    // For the outcome reports (issue 20): the region, in every network
    // without a user, its org_admin, and consent to it: all but notes for
    // about three in four, basic only for the rest.
    const region = a.sql("SELECT id FROM organisation WHERE sector = 'social_services' " +
      "AND name LIKE '%Socialforvaltningen'");
    assert.match(region, /^[0-9a-f]{32}$/);
    assert.equal(a.sql("SELECT m.role FROM membership m JOIN user_account u ON u.id = m.user_id " +
      `WHERE u.username = 'bench-manager' AND m.org_id = '${region}'`), 'org_admin');
    assert.equal(a.sql(`SELECT count(DISTINCT person_id) FROM network_member WHERE org_id = '${region}' ` +
      "AND user_id IS NULL AND role = 'coordinator' AND until_date IS NULL"), '200');
    assert.equal(a.sql(`SELECT count(*) FROM network_member WHERE org_id = '${region}'`), '200');
    // Dates of instants (in UTC) are checked here: SQLite and PostgreSQL
    // write them differently.
    const ymd = (us) => new Date(Number(us) / 1000).toISOString().slice(0, 10);
    const rows = (q) => a.sql(q).split('\n').filter(Boolean).map((l) => l.split('|'));
    for (const [from, created] of rows("SELECT m.from_date, p.created_us FROM network_member m " +
      `JOIN person p ON p.id = m.person_id WHERE m.org_id = '${region}'`)) {
      assert.equal(from, ymd(created), 'in the region\'s network from the start');
    }
    const shared = (cat) => Number(a.sql(`SELECT count(*) FROM consent WHERE recipient_org_id = '${region}' ` +
      `AND category = '${cat}' AND granted = 1 AND until_date IS NULL`));
    assert.equal(shared('basic'), 200);
    assert.equal(shared('notes'), 0);
    for (const cat of ['plan', 'appointments', 'questionnaires', 'substance']) {
      assert.ok(shared(cat) >= 120 && shared(cat) <= 180, `${cat}: ${shared(cat)} of 200`);
    }
    assert.equal(a.sql("SELECT count(*) FROM consent k LEFT JOIN consent_history h " +
      "ON h.person_id = k.person_id AND h.consent_id = k.id WHERE h.version IS NULL"), '0');

    // WHO-5 (0-100, in fours) and BARC-10 (10-60), each response naming the
    // version rosc init imported; better on average later than at the start.
    assert.equal(a.sql("SELECT count(*) FROM questionnaire_response r JOIN questionnaire q " +
      "ON q.id = r.questionnaire_id AND q.code = r.code"), String(printed.questionnaire_response));
    assert.ok(printed.questionnaire_response >= 200, `${printed.questionnaire_response} responses`);
    assert.equal(a.sql("SELECT count(*) FROM questionnaire_response WHERE scored <> 1 OR zone IS NULL " +
      "OR (code = 'who-5' AND (score NOT BETWEEN 0 AND 100 OR score % 4 <> 0 OR answered <> 5)) " +
      "OR (code = 'barc-10' AND (score NOT BETWEEN 10 AND 60 OR answered <> 10)) " +
      `OR code NOT IN ('who-5', 'barc-10') OR given_us > ${Date.now() * 1000}`), '0');
    for (const [day, given] of rows('SELECT day, given_us FROM questionnaire_response')) {
      assert.equal(day, ymd(given));
    }
    const drift = a.sql("SELECT CASE WHEN avg(l.score - f.score) > 0 THEN 1 ELSE 0 END " +
      "FROM questionnaire_response f " +
      "JOIN questionnaire_response l ON l.person_id = f.person_id AND l.code = f.code " +
      "AND l.given_us > f.given_us + 300 * 86400000000 WHERE NOT EXISTS (SELECT 1 FROM " +
      "questionnaire_response e WHERE e.person_id = f.person_id AND e.code = f.code " +
      "AND e.given_us < f.given_us)");
    assert.equal(drift, '1', 'scores drift upward');

    // Referrals: about one a person, most closed 3 to 60 days after they
    // were made, none overdue (the caseload looks for those), each with its
    // moves from 'proposed' to where it is now.
    assert.ok(printed.referral >= 160 && printed.referral <= 260, `${printed.referral} referrals`);
    const closed = "('declined', 'not_eligible', 'no_capacity', 'got_help', 'could_not_contact', " +
      "'could_not_get_help', 'no_longer_interested', 'withdrawn')";
    assert.ok(Number(a.sql(`SELECT count(*) FROM referral WHERE status IN ${closed}`)) >
      printed.referral * 0.6, 'most referrals closed');
    assert.ok(Number(a.sql("SELECT count(*) FROM referral WHERE status = 'got_help'")) > 0);
    assert.equal(a.sql(`SELECT count(*) FROM referral WHERE status IN ${closed} AND ` +
      '(status_us - created_us > 61 * 86400000000 OR answer_due_us IS NOT NULL ' +
      `OR status_us > ${Date.now() * 1000})`), '0');
    assert.equal(a.sql(`SELECT count(*) FROM referral WHERE answer_due_us <= ${Date.now() * 1000}`), '0');
    assert.equal(a.sql("SELECT count(*) FROM referral r JOIN person p ON p.id = r.person_id " +
      "WHERE r.proposed_by_org <> p.home_org_id OR r.proposed_by_org IS NULL " +
      "OR r.to_org_id IS NOT NULL"), '0');
    assert.equal(a.sql("SELECT count(*) FROM referral r WHERE NOT EXISTS (SELECT 1 FROM referral_event e " +
      "WHERE e.person_id = r.person_id AND e.referral_id = r.id AND e.seq = 1 AND e.to_status = 'proposed' " +
      "AND e.from_status IS NULL AND e.at_us = r.created_us) OR r.status <> (SELECT e.to_status " +
      "FROM referral_event e WHERE e.person_id = r.person_id AND e.referral_id = r.id " +
      "ORDER BY e.seq DESC LIMIT 1)"), '0');

    // Warnings followed up 0 to 10 days after they were raised; the open
    // ones (one person in ten) as before, one per person and rule.
    assert.ok(Number(a.sql('SELECT count(*) FROM warning_flag WHERE resolved_us IS NOT NULL')) > 20);
    assert.equal(a.sql('SELECT count(*) FROM warning_flag WHERE resolved_us IS NOT NULL AND ' +
      '(resolved_us < raised_us OR resolved_us > raised_us + 10 * 86400000000 OR resolution IS NULL ' +
      `OR resolved_by IS NULL OR resolved_us > ${Date.now() * 1000})`), '0');
    assert.ok(Number(a.sql('SELECT count(*) FROM warning_flag WHERE resolved_us IS NULL')) > 0);

    // Check-ups every three months from the start: done or missed once
    // their week of grace is over, due before.
    assert.ok(printed.checkup_plan >= 50 && printed.checkup_plan <= 110, `${printed.checkup_plan} plans`);
    assert.equal(a.sql("SELECT count(*) FROM checkup WHERE (status = 'due' AND due_us + 7 * 86400000000 " +
      `<= ${Date.now() * 1000}) OR (status <> 'due' AND due_us + 7 * 86400000000 > ${Date.now() * 1000}) ` +
      "OR status = 'cancelled' OR (status = 'done') <> (done_us IS NOT NULL) " +
      "OR (status = 'missed') <> (reminded_us IS NOT NULL)"), '0');
    for (const st of ['done', 'missed', 'due']) {
      assert.ok(Number(a.sql(`SELECT count(*) FROM checkup WHERE status = '${st}'`)) > 0, st);
    }

    // Check-ins over the past year; some use, followed by a check-in without.
    assert.ok(a.sql('SELECT min(day) FROM checkin') <
      new Date(Date.now() - 300 * 86400000).toISOString().slice(0, 10));
    assert.ok(Number(a.sql("SELECT count(*) FROM checkin c WHERE c.use_since IN ('little', 'lot') " +
      "AND (SELECT n.use_since FROM checkin n WHERE n.person_id = c.person_id AND n.at_us > c.at_us " +
      "ORDER BY n.at_us LIMIT 1) = 'none'")) > 10);

    // The audit chain holds its one entry.
    const v = roscCli(['audit', 'verify', '--db', a.url]);
    assert.equal(v.status, 0, v.stderr + v.stdout);

    // Never twice into one database.
    r = benchGen(['--db', a.url, '--persons', '200']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already holds/);
    assert.equal(a.sql('SELECT count(*) FROM person'), '200');

    // The same size and seed make the same persons; another seed others.
    const b = emptyDb('b');
    dbs.push(b);
    r = benchGen(['--db', b.url, '--persons', '200', '--services', '100', '--seed', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(personIds(b), personIds(a));
    const services = (db) => db.sql('SELECT id || search_key FROM service ORDER BY id');
    assert.equal(services(b), services(a));
    assert.equal(b.sql('SELECT count(*) FROM step'), a.sql('SELECT count(*) FROM step'));
    for (const q of ['SELECT id || status FROM referral ORDER BY id',
      'SELECT id || code || score FROM questionnaire_response ORDER BY id',
      'SELECT id || coalesce(resolution, \'\') FROM warning_flag ORDER BY id',
      'SELECT id || status FROM checkup ORDER BY id', 'SELECT id FROM checkin ORDER BY id']) {
      assert.equal(b.sql(q), a.sql(q), q);
    }
    const c = emptyDb('c');
    dbs.push(c);
    r = benchGen(['--db', c.url, '--persons', '200', '--services', '0', '--seed', '2']);
    assert.equal(r.status, 0, r.stderr);
    assert.notEqual(personIds(c), personIds(a));
    assert.equal(c.sql('SELECT count(*) FROM service'), '0', '--services 0: no directory');
    assert.equal(c.sql('SELECT count(*) FROM referral'), '0', 'no referrals without services');

    // Served: what the benchmark script needs.
    if (a.dir) giveToServer(a.dir);
    srv = await startRosc({ db: a.url });
    const p0 = a.sql("SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id " +
      "WHERE u.username = 'bench-person'");
    assert.match(p0, /^[0-9a-f]{32}$/);

    // (a) bench-coord's caseload: exactly the first 40 persons, one page.
    const coord = await client(srv).signIn('bench-coord');
    let res = await coord.get('/persons');
    assert.equal(res.status, 200);
    const listed = new Set([...(await res.text()).matchAll(/href="\/persons\/([0-9a-f]{32})"/g)]
      .map((m) => m[1]));
    assert.equal(listed.size, 40);
    assert.ok(listed.has(p0));

    // (b) and (d) bench-staff reads person 0's plan and saves a step, by duty.
    const staff = await client(srv).signIn('bench-staff');
    res = await staff.get(`/persons/${p0}/plan`);
    assert.equal(res.status, 200);
    const step = a.sql(`SELECT goal_id || '|' || id || '|' || version FROM step WHERE person_id = '${p0}' ORDER BY id LIMIT 1`)
      .split('|');
    res = await staff.post(`/persons/${p0}/plan/goals/${step[0]}/steps/${step[1]}`,
      { version: step[2], due: '2027-01-15' });
    assert.equal(res.status, 303);
    assert.equal(a.sql(`SELECT due_date FROM step WHERE person_id = '${p0}' AND id = '${step[1]}'`), '2027-01-15');

    // (c) bench-person sees who looked at their record.
    const person = await client(srv).signIn('bench-person');
    res = await person.get('/me/log');
    assert.equal(res.status, 200);
    const html = await res.text();

    // (g) to (i): the directory's search, signed out, finds services, by
    // the search key the generator wrote (as the store would).
    const visitor = client(srv);
    res = await visitor.get('/services?q=alkohol&stage=treatment');
    assert.equal(res.status, 200);
    const found = [...(await res.text()).matchAll(/href="\/services\/([0-9a-f]{32})"/g)].map((m) => m[1]);
    assert.ok(found.length >= 1, 'a Danish treatment service about alcohol');
    res = await visitor.get(`/services/${found[0]}`);
    assert.equal(res.status, 200);
    res = await visitor.get('/api/v1/services?q=alkohol&stage=treatment');
    assert.equal(res.status, 200);
    res = await visitor.get('/services?q=alkohol&stage=treatment&open_now=1');
    assert.equal(res.status, 200);
    const coordName = a.sql("SELECT display_name FROM user_account WHERE username = 'bench-coord'");
    assert.ok(html.includes(escaped(coordName)), `the log names ${coordName}`);

    // (o) bench-manager signs in (the outcome reports are theirs).
    const manager = await client(srv).signIn('bench-manager');
    res = await manager.get('/');
    assert.ok(res.status < 400, `bench-manager signed in (${res.status})`);
  } finally {
    try {
      if (srv) await srv.stop();
    } finally {
      for (const db of dbs) db.cleanup();
    }
  }
});
