// Pathway templates (src/core/pathway.c, src/cmd/pathways.c,
// src/api/pathways.c) against a real database: rosc init puts the three
// shipped templates in it, each naming its sources; a template round-trips
// through rosc export and rosc import; a malformed one is refused with the
// JSON path of each problem and nothing changes; a version is never
// changed in place; the API lists them for anyone signed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, roscCli, ROOT } from '../lib/rosc.mjs';

let srv, work;
const sql = (q) => srv.sql(q);
before(async () => {
  srv = await startRosc();
  work = mkdtempSync(join(tmpdir(), 'rosc-pathways-'));
});
after(async () => {
  await srv.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (...args) => roscCli([...args, '--db', srv.db]);
const dump = () => sql('SELECT code, version, body FROM pathway_template ORDER BY code, version');

test('rosc init ships three templates, each naming its public sources', () => {
  assert.equal(sql('SELECT count(*) FROM pathway_template WHERE org_id IS NULL'), '3');
  const dk = JSON.parse(sql("SELECT body FROM pathway_template WHERE code = 'dk-alcohol-outpatient'"));
  assert.equal(dk.start_within_days, 14);
  assert.ok(dk.sources.some((s) => /141/.test(s.id) && /^https:\/\//.test(s.url)));
  assert.ok(dk.phases.every((p) => p.sources.length > 0), 'every phase names a source');
  // Running init again changes nothing.
  const had = dump();
  const r = cli('init');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(dump(), had);
});

test('a template round-trips through export and import; a change needs a higher version', () => {
  let r = cli('export', 'pathway', 'nl-alcohol-care-standard');
  assert.equal(r.status, 0, r.stderr);
  const text = r.stdout;
  const doc = JSON.parse(text);
  assert.equal(doc.format, 'rosc-pathway-template/1');
  // The same back in: unchanged, nothing written.
  const file = join(work, 'nl.json');
  writeFileSync(file, text);
  const had = dump();
  r = cli('import', 'pathway', file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /unchanged/);
  assert.equal(dump(), had);
  // Other content under the same version: refused, nothing changes.
  doc.phases[0].expected_days += 7;
  writeFileSync(file, JSON.stringify(doc));
  r = cli('import', 'pathway', file);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /higher "version"/);
  assert.equal(dump(), had);
  // As version 2: a new row; version 1 stays as it was.
  doc.version = 2;
  writeFileSync(file, JSON.stringify(doc));
  r = cli('import', 'pathway', file);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sql("SELECT count(*) FROM pathway_template WHERE code = 'nl-alcohol-care-standard'"), '2');
  const v1 = sql("SELECT body FROM pathway_template WHERE code = 'nl-alcohol-care-standard' AND version = 1");
  assert.equal(v1, text.replace(/\n$/, ''));
  // Export by code gives the newest; by id the one asked for.
  assert.equal(JSON.parse(cli('export', 'pathway', 'nl-alcohol-care-standard').stdout).version, 2);
  const id1 = sql("SELECT id FROM pathway_template WHERE code = 'nl-alcohol-care-standard' AND version = 1");
  assert.equal(JSON.parse(cli('export', 'pathway', id1).stdout).version, 1);
  assert.equal(cli('export', 'pathway', 'no-such-template').status, 1);
});

test('a malformed template is refused with the JSON path of each problem, and nothing changes', () => {
  const shipped = JSON.parse(readFileSync(join(ROOT, 'data', 'pathways', 'dk-alcohol-outpatient.json'), 'utf8'));
  shipped.code = 'my-copy';
  delete shipped.phases[1].name.da;
  shipped.phases[2].expected_days = 0;
  shipped.phases[0].sources = ['nowhere'];
  shipped.phases[3].appointments = [{ title: { en: 'x', nl: 'x', da: 'x' }, kind: 'party', day: 0, minutes: 60 }];
  shipped.colour = 'red';
  const file = join(work, 'bad.json');
  writeFileSync(file, JSON.stringify(shipped));
  const had = dump();
  const r = cli('import', 'pathway', file);
  assert.equal(r.status, 1);
  for (const line of ['phases[1].name.da: missing', 'phases[2].expected_days: out of range',
    'phases[0].sources[0]: names no source of the template', 'phases[3].appointments[0].kind: not one of the allowed values',
    'colour: not a field of the format']) {
    assert.ok(r.stderr.includes(`${file}: ${line}`), `says ${line}:\n${r.stderr}`);
  }
  assert.match(r.stderr, /nothing was imported/);
  assert.equal(dump(), had);
  // Not JSON at all; a missing file.
  writeFileSync(file, '{"format": ');
  assert.match(cli('import', 'pathway', file).stderr, /\$: not valid JSON/);
  assert.equal(cli('import', 'pathway', join(work, 'none.json')).status, 1);
  assert.equal(dump(), had);
});

test('the API lists the newest version of each for anyone signed in, and gives one whole', async () => {
  for (const who of ['mette', 'peter', 'else']) {
    const c = client(srv);
    await c.signIn(who);
    const res = await c.get('/api/v1/pathway-templates');
    assert.equal(res.status, 200, who);
    const { templates } = await res.json();
    const codes = templates.map((t) => t.code);
    assert.deepEqual([...new Set(codes)].sort(), codes.slice().sort(), 'one per code');
    assert.ok(codes.includes('dk-alcohol-outpatient'));
    const dk = templates.find((t) => t.code === 'dk-alcohol-outpatient');
    assert.equal(dk.start_within_days, 14);
    assert.ok(dk.phases >= 4 && dk.total_days > 90);
    assert.match(dk.names.da, /Alkoholbehandling/);
    const one = await (await c.get(`/api/v1/pathway-templates/${dk.id}`)).json();
    assert.equal(one.template.code, 'dk-alcohol-outpatient');
    assert.equal(one.template.phases.length, dk.phases);
  }
  const c = client(srv);
  await c.signIn('peter');
  assert.equal((await c.get('/api/v1/pathway-templates/0123456789abcdef0123456789abcdef')).status, 404);
  assert.equal((await c.get('/api/v1/pathway-templates?all=maybe')).status, 422);
  assert.equal((await fetch(srv.url + '/api/v1/pathway-templates')).status, 401);
});
