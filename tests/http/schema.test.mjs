// The two dialects of the migrations describe one schema: the same tables,
// columns (name, NOT NULL, primary key), foreign keys, unique keys and
// number of CHECK constraints. Runs where a PostgreSQL test server is given
// (the PostgreSQL pass of make check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from '../lib/run.mjs';
import { PG, pgUrl, psql, roscCli, DEMO_PASSWORD } from '../lib/rosc.mjs';

const lines = (s) => s.split('\n').filter((l) => l !== '').sort();

function sqliteSchema(path) {
  const q = (sql) => {
    const r = spawnSync('sqlite3', [path, sql], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return lines(r.stdout);
  };
  const tables = "FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
  return {
    columns: q(`SELECT m.name || '.' || p.name || ' notnull=' || (p."notnull" OR p.pk > 0) || ' pk=' || p.pk
      ${tables.replace('FROM sqlite_master m', 'FROM sqlite_master m JOIN pragma_table_info(m.name) p')}`),
    foreign: q(`SELECT m.name || '(' || group_concat(f."from", ',') || ') -> ' || f."table" || '(' || group_concat(f."to", ',') || ')'
      ${tables.replace('FROM sqlite_master m', 'FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f')}
      GROUP BY m.name, f.id`),
    unique: q(`SELECT m.name || ' unique(' || (SELECT group_concat(coalesce(c.name, 'expr'), ',') FROM pragma_index_xinfo(i.name) c WHERE c.key = 1) || ')'
      ${tables.replace('FROM sqlite_master m', 'FROM sqlite_master m JOIN pragma_index_list(m.name) i')} AND i."unique" = 1 AND i.origin <> 'pk'`),
    checks: q(`SELECT m.name || ' checks=' || ((length(m.sql) - length(replace(m.sql, 'CHECK (', ''))) / 7) ${tables}`),
  };
}

function pgSchema(url) {
  const q = (sql) => lines(psql(url, sql));
  const pub = "n.nspname = 'public'";
  return {
    columns: q(`SELECT c.relname || '.' || a.attname || ' notnull=' || (CASE WHEN a.attnotnull THEN 1 ELSE 0 END)
      || ' pk=' || coalesce((SELECT array_position(k.conkey, a.attnum) FROM pg_constraint k
         WHERE k.conrelid = c.oid AND k.contype = 'p'), 0)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE ${pub} AND c.relkind = 'r'`),
    foreign: q(`SELECT c.relname || '(' || (SELECT string_agg(a.attname, ',' ORDER BY x.i) FROM unnest(k.conkey) WITH ORDINALITY x(n, i)
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.n) || ') -> ' || r.relname || '('
      || (SELECT string_agg(a.attname, ',' ORDER BY x.i) FROM unnest(k.confkey) WITH ORDINALITY x(n, i)
         JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.n) || ')'
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${pub} AND k.contype = 'f'`),
    unique: q(`SELECT c.relname || ' unique(' || (SELECT string_agg(coalesce(a.attname, 'expr'), ',' ORDER BY x.i)
         FROM unnest(i.indkey::int2[]) WITH ORDINALITY x(n, i) LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.n
         WHERE x.i <= i.indnkeyatts) || ')'
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${pub} AND i.indisunique AND NOT i.indisprimary`),
    checks: q(`SELECT c.relname || ' checks=' || (SELECT count(*) FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${pub} AND c.relkind = 'r'`),
  };
}

test('the SQLite and PostgreSQL migrations make the same schema', { skip: !PG && 'needs a PostgreSQL test server' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-schema-'));
  const name = `schema_${process.pid}`;
  const env = { ROSC_ADMIN_PASSWORD: DEMO_PASSWORD };
  try {
    assert.equal(roscCli(['init', '--db', `sqlite:${join(dir, 'rosc.db')}`], { env }).status, 0);
    psql(pgUrl('postgres'), `CREATE DATABASE ${name}`);
    const init = roscCli(['init', '--db', pgUrl(name)], { env });
    assert.equal(init.status, 0, init.stderr);
    const lite = sqliteSchema(join(dir, 'rosc.db'));
    const pg = pgSchema(pgUrl(name));
    assert.ok(lite.columns.length > 100, `${lite.columns.length} columns`);
    for (const part of ['columns', 'foreign', 'unique', 'checks']) {
      assert.deepEqual(pg[part], lite[part], `${part} differ between the dialects`);
    }
  } finally {
    psql(pgUrl('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
});
