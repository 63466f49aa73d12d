// rosc import hsds / rosc export hsds against real databases (SQLite, and
// PostgreSQL when ROSC_TEST_PG is set): the three official samples import
// with the counts their CSV files hold (counted here, independently of
// rosc), a re-import changes nothing, an export imports again to the same
// export, and a malformed package is refused with file, line and field,
// leaving the database exactly as it was.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdtempSync, rmSync, readFileSync, writeFileSync, readdirSync, cpSync, appendFileSync,
} from 'node:fs';
import { spawnSync } from '../lib/run.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ROOT, PG, pgUrl, psql, roscCli, copyDb, demoDatabase, DEMO_PASSWORD,
} from '../lib/rosc.mjs';

const SAMPLES = process.env.ROSC_HSDS_SAMPLES || join(ROOT, '..', 'shared', 'data', 'hsds');
const SIMPLE = join(SAMPLES, 'hsds-1.1-sample-datapackage', 'simple');
const ALL = join(SAMPLES, 'hsds-1.1-sample-datapackage', 'all_resources');
const V3 = join(SAMPLES, 'hsds-3.0-spec-examples', 'csv');

const work = mkdtempSync(join(tmpdir(), 'rosc-hsds-'));
const dbs = [];
after(() => {
  rmSync(work, { recursive: true, force: true });
  for (const name of dbs) psql(pgUrl('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

let serial = 0;
/** A fresh database: initialised and empty, or a copy of the demo. */
function freshDb({ demo = false } = {}) {
  serial += 1;
  if (PG) {
    const name = `hsds_${process.pid}_${serial}`;
    const from = demo ? ` TEMPLATE ${process.env.ROSC_PG_TEMPLATE || 'rosc_demo'}` : '';
    psql(pgUrl('postgres'), `CREATE DATABASE ${name}${from}`);
    dbs.push(name);
    const url = pgUrl(name);
    if (!demo) init(url);
    return url;
  }
  const path = join(work, `db${serial}.db`);
  if (demo) copyDb(demoDatabase(), path);
  else init(`sqlite:${path}`);
  return `sqlite:${path}`;
}

function init(url) {
  const r = roscCli(['init', '--db', url], { env: { ROSC_ADMIN_PASSWORD: DEMO_PASSWORD } });
  assert.equal(r.status, 0, r.stderr);
}

function sql(url, q) {
  if (!url.startsWith('sqlite:')) return psql(url, q);
  const r = spawnSync('sqlite3', [url.slice(7), q], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}
const count = (url, table) => Number(sql(url, `SELECT count(*) FROM ${table}`));

const TABLES = ['dir_organization', 'dir_location', 'service', 'service_at_location',
  'dir_contact', 'dir_phone', 'dir_schedule', 'service_language'];
/** Every row of every directory table, versions and times included. */
const dump = (url) => TABLES.map((t) => `${t}\n${sql(url, `SELECT * FROM ${t} ORDER BY 1, 2`)}`).join('\n');

const importHsds = (dir, url) => roscCli(['import', 'hsds', dir, '--db', url]);
function exportHsds(url) {
  serial += 1;
  const dir = join(work, `export${serial}`);
  const r = roscCli(['export', 'hsds', dir, '--db', url]);
  assert.equal(r.status, 0, r.stderr);
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}
/** The records of a CSV file (RFC 4180: quotes, doubled quotes, newlines in quotes). */
function csvRecords(file) {
  let text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [], field = '', quoted = false, i = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}
const rowsOf = (dir, f) => csvRecords(join(dir, f));

/** What the directory should hold after importing one sample into an empty database. */
function expected(dir, v3) {
  const n = (f) => { try { return rowsOf(dir, f).length; } catch { return 0; } };
  const schedules = v3
    ? rowsOf(dir, 'schedules.csv').reduce((k, r) => k + (r.freq === 'WEEKLY' && r.byday ? r.byday.split(',').length : 1), 0)
    : n('regular_schedules.csv');
  let languages = 0;
  try {
    languages = new Set(rowsOf(dir, 'languages.csv').filter((r) => r.service_id)
      .map((r) => `${r.service_id} ${r.code || r.language}`)).size;
  } catch { /* none */ }
  return {
    dir_organization: n('organizations.csv'),
    service: n('services.csv'),
    dir_location: n('locations.csv'),
    service_at_location: n(v3 ? 'service_at_location.csv' : 'services_at_location.csv'),
    dir_contact: n('contacts.csv'),
    dir_phone: n('phones.csv'),
    dir_schedule: schedules,
    service_language: languages,
  };
}

for (const [name, dir, v3] of [['1.1 simple', SIMPLE, false], ['1.1 all_resources', ALL, false], ['3.0 csv', V3, true]]) {
  test(`the HSDS ${name} sample imports, re-imports unchanged, and round-trips`, () => {
    const db = freshDb();
    const r = importHsds(dir, db);
    assert.equal(r.status, 0, r.stderr);
    const want = expected(dir, v3);
    for (const [table, n] of Object.entries(want)) assert.equal(count(db, table), n, `${name}: ${table}`);
    assert.match(r.stdout, new RegExp(`^Imported from an HSDS ${v3 ? '3\\.0' : '1\\.1'} package: ${want.dir_organization} organisations, ${want.service} services, ${want.dir_location} locations`, 'm'));
    const total = Object.values(want).reduce((a, b) => a + b, 0);
    assert.match(r.stdout, new RegExp(`\\(${total} new, 0 updated, 0 unchanged\\)`));
    if (name !== '1.1 simple') assert.match(r.stdout, /^Not kept \(rosc has no place for them\): .*programs\.csv/m);

    // Eligibility, fees, weekdays and languages are mapped.
    if (name === '1.1 all_resources') {
      assert.equal(sql(db, "SELECT eligibility_description FROM service WHERE id = 'c89eb05c-62dd-4b64-b494-0cc347b6ea7f'"), 'adult');
      assert.equal(sql(db, 'SELECT byday FROM dir_schedule ORDER BY byday').split('\n').join(' '), 'MO TU WE');
      assert.equal(sql(db, 'SELECT code FROM service_language ORDER BY code').split('\n').join(' '), 'en es');
      assert.equal(sql(db, "SELECT address_1 || '|' || city FROM dir_location WHERE id = '30b83c60-64a1-11e6-8b77-86f30ca893d3'"), 'Address 1|New York City');
    }
    if (v3) {
      assert.match(sql(db, 'SELECT fees_description FROM service'), /flat rate per hour/);
      assert.equal(sql(db, 'SELECT code FROM service_language'), 'ur');
      assert.match(r.stderr, /^warning: locations\.csv:2: organization_id: there is no record 985e4a42/m);
    }

    // Again: nothing changes, not even a version or a time.
    const before = dump(db);
    const first = exportHsds(db);
    const again = importHsds(dir, db);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`\\(0 new, 0 updated, ${total} unchanged\\)`));
    assert.equal(dump(db), before);
    assert.deepEqual(exportHsds(db), first);

    // Export, import into another empty database, export again: the same bytes.
    assert.ok(first['datapackage.json'].includes('"version": "3.0.0"'));
    assert.match(first['services.csv'], /^id,organization_id,program_id,name,alternate_name,description,url,email,status,/);
    const other = freshDb();
    const dirOut = join(work, `rt${serial}`);
    rmSync(dirOut, { recursive: true, force: true });
    assert.equal(roscCli(['export', 'hsds', dirOut, '--db', db]).status, 0);
    const back = importHsds(dirOut, other);
    assert.equal(back.status, 0, back.stderr);
    assert.deepEqual(exportHsds(other), first);
    for (const t of TABLES) assert.equal(count(other, t), count(db, t), t);
  });
}

test('rosc\'s own service fields survive an export and an import', () => {
  const demo = freshDb({ demo: true });
  const dirOut = join(work, 'demo-export');
  assert.equal(roscCli(['export', 'hsds', dirOut, '--db', demo]).status, 0);
  const attrs = readFileSync(join(dirOut, 'attributes.csv'), 'utf8');
  assert.match(readFileSync(join(dirOut, 'taxonomy_terms.csv'), 'utf8'), /urn:rosc:hsds:stage/);
  assert.match(attrs, /,service,recovery_support\r\n/);
  const other = freshDb();
  const r = importHsds(dirOut, other);
  assert.equal(r.status, 0, r.stderr);
  const cols = 'id, stage, domains, video, capacity_available, capacity_maximum, capacity_unit, capacity_updated_us, response_days, shares';
  assert.equal(sql(other, `SELECT ${cols} FROM service ORDER BY id`), sql(demo, `SELECT ${cols} FROM service ORDER BY id`));
  assert.ok(Number(sql(other, 'SELECT count(*) FROM service WHERE capacity_available IS NOT NULL')) > 0);
});

test('importing into the demo database keeps who runs the demo services', () => {
  const demo = freshDb({ demo: true });
  const managed = () => sql(demo, 'SELECT id, managed_by FROM dir_organization WHERE managed_by IS NOT NULL ORDER BY id');
  const before = managed();
  assert.equal(before.split('\n').length, 8);
  const own = join(work, 'demo-own');
  assert.equal(roscCli(['export', 'hsds', own, '--db', demo]).status, 0);
  const snapshot = dump(demo);
  // Its own export changes nothing.
  const r = importHsds(own, demo);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\(0 new, 0 updated, \d+ unchanged\)/);
  assert.equal(dump(demo), snapshot);
  // A 1.1 package without rosc's fields keeps them, and managed_by.
  const stageBefore = sql(demo, "SELECT stage, domains, response_days, shares FROM service WHERE id = 'demo-svc-ung-raadgivning'");
  assert.equal(importHsds(ALL, demo).status, 0);
  assert.equal(managed(), before);
  assert.equal(sql(demo, "SELECT stage, domains, response_days, shares FROM service WHERE id = 'demo-svc-ung-raadgivning'"), stageBefore);
  assert.equal(count(demo, 'service'), 42 + rowsOf(ALL, 'services.csv').length);
});

/** A copy of a sample to spoil. */
function copyOf(dir) {
  serial += 1;
  const to = join(work, `bad${serial}`);
  cpSync(dir, to, { recursive: true, dereference: true });
  return to;
}
/** The line a row appended to a file lands on. */
function nextLine(file) {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').length + (text.endsWith('\n') ? 0 : 1);
}

test('a malformed package is refused with file, line and field, and nothing changes', () => {
  const db = freshDb();
  assert.equal(importHsds(ALL, db).status, 0);
  const snapshot = dump(db);
  const refused = (dir, pattern) => {
    const r = importHsds(dir, db);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, pattern);
    assert.match(r.stderr, /nothing was imported/);
    assert.equal(dump(db), snapshot);
  };
  const ORG = '1899600a-649c-11e6-8b77-86f30ca893d3';

  // Invalid UTF-8 in a field; the good rows before it are not written either.
  let dir = copyOf(ALL);
  let file = join(dir, 'services.csv');
  let line = nextLine(file);
  appendFileSync(file, Buffer.concat([Buffer.from(`new-svc,${ORG},,Bad `), Buffer.from([0xff, 0xfe]), Buffer.from(' name,,,,,active,,,,,,,\n')]));
  refused(dir, new RegExp(`^services\\.csv:${line}: name: not valid UTF-8 text$`, 'm'));

  // A missing required column.
  dir = copyOf(ALL);
  file = join(dir, 'services.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^id,organization_id,program_id,name,/, 'id,organization_id,program_id,title,'));
  refused(dir, /^services\.csv:1: name: the column is missing$/m);

  // A service whose organisation does not exist.
  dir = copyOf(ALL);
  file = join(dir, 'services.csv');
  line = nextLine(file);
  appendFileSync(file, 'new-svc,no-such-org,,Orphan,,,,,active,,,,,,,\n');
  refused(dir, new RegExp(`^services\\.csv:${line}: organization_id: there is no record no-such-org in organizations\\.csv$`, 'm'));

  // A required value missing, and a status that is none.
  dir = copyOf(V3);
  file = join(dir, 'services.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace(',active,', ',open,'));
  refused(dir, /^services\.csv:2: status: "open" is not one of the values allowed$/m);

  // A 50 MB file.
  dir = copyOf(ALL);
  file = join(dir, 'funding.csv');
  const row = `x,${ORG},,${'f'.repeat(1000)}\n`;
  writeFileSync(file, 'id,organization_id,service_id,source\n' + row.repeat(Math.ceil(50 * 1024 * 1024 / row.length)));
  refused(dir, /^funding\.csv: the file is 50\.0 MiB; rosc reads files of up to 32 MiB$/m);

  // No datapackage.json.
  dir = copyOf(ALL);
  rmSync(join(dir, 'datapackage.json'));
  refused(dir, /^datapackage\.json: the file is missing$/m);
});

test('import and export: usage', () => {
  assert.equal(roscCli(['import']).status, 2);
  assert.equal(roscCli(['import', 'nonsense', 'x']).status, 2);
  assert.match(roscCli(['import', '--help']).stdout, /^Usage: rosc import KIND/);
  assert.match(roscCli(['import', 'hsds', '--help']).stdout, /^Usage: rosc import hsds PATH/);
  assert.match(roscCli(['export', 'hsds', '--help']).stdout, /^Usage: rosc export hsds DIR/);
  assert.equal(roscCli(['export', 'hsds']).status, 2);
  assert.match(roscCli(['--help']).stdout, /^  import /m);
});
