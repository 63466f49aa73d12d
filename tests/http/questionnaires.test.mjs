// Questionnaires (src/core/questionnaire.c, src/cmd/questionnaires.c,
// src/api/questionnaires.c) against a real database: rosc init puts the
// four shipped ones in it, each naming its sources and licence, in English
// with Dutch and Danish marked missing; a definition round-trips through
// rosc export and rosc import; a malformed one is refused with the JSON
// path of each problem and nothing changes; a version is never changed in
// place; the API lists them for anyone signed in.
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
  work = mkdtempSync(join(tmpdir(), 'rosc-questionnaires-'));
});
after(async () => {
  await srv.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (...args) => roscCli([...args, '--db', srv.db]);
const dump = () => sql('SELECT code, version, languages, body FROM questionnaire ORDER BY code, version');

test('rosc init ships four questionnaires, each with its sources and licence', () => {
  assert.equal(sql('SELECT code FROM questionnaire ORDER BY code'), 'audit\naudit-c\nbarc-10\nwho-5');
  assert.equal(sql("SELECT count(*) FROM questionnaire WHERE languages = 'en' AND name_nl IS NULL AND name_da IS NULL"), '4');
  const who5 = JSON.parse(sql("SELECT body FROM questionnaire WHERE code = 'who-5'"));
  assert.deepEqual(who5.languages, { en: 'official', nl: 'missing', da: 'missing' });
  assert.equal(who5.scoring.multiplier, 4);
  assert.deepEqual(who5.range, { min: 0, max: 100 });
  assert.match(who5.attribution, /Psychiatric Centre North Zealand/);
  assert.ok(who5.sources.some((s) => /psykiatri-regionh\.dk/.test(s.url)));
  const audit = JSON.parse(sql("SELECT body FROM questionnaire WHERE code = 'audit'"));
  assert.deepEqual(audit.items[8].options.map((o) => o.value), [0, 2, 4]);
  assert.deepEqual(audit.zones.map((z) => [z.from, z.to]), [[0, 7], [8, 15], [16, 19], [20, 40]]);
  const barc = JSON.parse(sql("SELECT body FROM questionnaire WHERE code = 'barc-10'"));
  assert.ok(barc.sources.some((s) => /phenxtoolkit\.org\/protocols\/view\/590502/.test(s.url)));
  assert.equal(barc.zones.at(-1).from, 47);
  for (const q of [who5, audit, barc]) {
    for (const s of q.sources) assert.match(s.url, /^https:\/\//);
    assert.ok(q.licence.length > 20);
    // The instrument's words in English only; rosc's zone labels in all three.
    assert.deepEqual(Object.keys(q.items[0].text), ['en']);
    for (const z of q.zones) assert.deepEqual(Object.keys(z.label), ['en', 'nl', 'da']);
  }
  // Running init again changes nothing.
  const had = dump();
  const r = cli('init');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(dump(), had);
});

test('a definition round-trips through export and import; a change needs a higher version', () => {
  let r = cli('export', 'questionnaire', 'barc-10');
  assert.equal(r.status, 0, r.stderr);
  const text = r.stdout;
  const doc = JSON.parse(text);
  assert.equal(doc.format, 'rosc-questionnaire/1');
  // The same back in: unchanged, nothing written.
  const file = join(work, 'barc.json');
  writeFileSync(file, text);
  const had = dump();
  r = cli('import', 'questionnaire', file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /unchanged/);
  assert.equal(dump(), had);
  // Other content under the same version: refused, nothing changes.
  doc.zones[0].label.en = 'Another reading';
  writeFileSync(file, JSON.stringify(doc));
  r = cli('import', 'questionnaire', file);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /higher "version"/);
  assert.equal(dump(), had);
  // As version 2: a new row; version 1 stays as it was.
  doc.version = 2;
  writeFileSync(file, JSON.stringify(doc));
  r = cli('import', 'questionnaire', file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /version 2 of the questionnaire barc-10 \(10 items\)/);
  assert.equal(sql("SELECT count(*) FROM questionnaire WHERE code = 'barc-10'"), '2');
  const v1 = sql("SELECT body FROM questionnaire WHERE code = 'barc-10' AND version = 1");
  assert.equal(v1, text.replace(/\n$/, ''));
  // Export by code gives the newest; by id the one asked for.
  assert.equal(JSON.parse(cli('export', 'questionnaire', 'barc-10').stdout).version, 2);
  const id1 = sql("SELECT id FROM questionnaire WHERE code = 'barc-10' AND version = 1");
  assert.equal(JSON.parse(cli('export', 'questionnaire', id1).stdout).version, 1);
  assert.equal(cli('export', 'questionnaire', 'no-such-questionnaire').status, 1);
  // An older version than the newest is refused; init keeps the newer one.
  doc.version = 1;
  writeFileSync(file, JSON.stringify(doc));
  assert.equal(cli('import', 'questionnaire', file).status, 1);
  const now = dump();
  assert.equal(cli('init').status, 0);
  assert.equal(dump(), now);
});

test('a version is never changed in place, not even by hand', () => {
  const had = dump();
  assert.throws(() => sql("UPDATE questionnaire SET body = '{}' WHERE code = 'who-5'"),
    /never changes/);
  assert.equal(dump(), had);
});

test('a malformed definition is refused with the JSON path of each problem, and nothing changes', () => {
  const shipped = JSON.parse(readFileSync(join(ROOT, 'data', 'questionnaires', 'audit.json'), 'utf8'));
  shipped.code = 'my-audit';
  shipped.items[8].options[1].value = 0;          // the step-up's 2, as 0 twice
  shipped.items[2].text.da = 'Hvor ofte';          // Danish is marked missing
  delete shipped.zones[1].label.nl;
  shipped.zones[2].from = 17;                      // a gap after 16
  shipped.range.max = 41;
  shipped.colour = 'red';
  const file = join(work, 'bad.json');
  writeFileSync(file, JSON.stringify(shipped));
  const had = dump();
  const r = cli('import', 'questionnaire', file);
  assert.equal(r.status, 1);
  for (const line of ['items[8].options[1].value: used twice',
    'items[2].text.da: given for a language without an official version',
    'zones[1].label.nl: missing', 'colour: not a field of the format']) {
    assert.ok(r.stderr.includes(`${file}: ${line}`), `says ${line}:\n${r.stderr}`);
  }
  assert.match(r.stderr, /nothing was imported/);
  assert.equal(dump(), had);
  // Once the items are sound, the range and the zones are checked too.
  const fixed = JSON.parse(readFileSync(join(ROOT, 'data', 'questionnaires', 'audit.json'), 'utf8'));
  fixed.code = 'my-audit';
  fixed.range.max = 41;
  writeFileSync(file, JSON.stringify(fixed));
  assert.match(cli('import', 'questionnaire', file).stderr,
    /range\.max: does not match the items' options and the multiplier/);
  fixed.range.max = 40;
  fixed.zones[2].from = 17;
  writeFileSync(file, JSON.stringify(fixed));
  assert.match(cli('import', 'questionnaire', file).stderr,
    /zones\[2\]\.from: leaves a gap or an overlap in the score range/);
  // Not JSON at all; a missing file.
  writeFileSync(file, '{"format": ');
  assert.match(cli('import', 'questionnaire', file).stderr, /\$: not valid JSON/);
  assert.equal(cli('import', 'questionnaire', join(work, 'none.json')).status, 1);
  assert.equal(dump(), had);
});

test('the API lists the newest version of each for anyone signed in, and gives one whole', async () => {
  for (const who of ['mette', 'peter', 'else']) {
    const c = client(srv);
    await c.signIn(who);
    const res = await c.get('/api/v1/questionnaires');
    assert.equal(res.status, 200, who);
    const { questionnaires } = await res.json();
    const codes = questionnaires.map((q) => q.code);
    assert.deepEqual(codes, ['audit', 'audit-c', 'barc-10', 'who-5'], 'one per code');
    const who5 = questionnaires.find((q) => q.code === 'who-5');
    assert.deepEqual(who5.languages, ['en']);
    assert.equal(who5.items, 5);
    assert.equal(who5.score_max, 100);
    assert.equal(who5.name, 'WHO-5 Well-Being Index');
    const one = await (await c.get(`/api/v1/questionnaires/${who5.id}`)).json();
    assert.equal(one.questionnaire.code, 'who-5');
    assert.equal(one.questionnaire.items.length, 5);
  }
  const c = client(srv);
  await c.signIn('peter');
  // Every version with ?all=1 (barc-10 has two by now).
  const all = (await (await c.get('/api/v1/questionnaires?all=1')).json()).questionnaires;
  assert.deepEqual(all.filter((q) => q.code === 'barc-10').map((q) => q.version), [2, 1]);
  const latest = (await (await c.get('/api/v1/questionnaires')).json()).questionnaires;
  assert.equal(latest.find((q) => q.code === 'barc-10').version, 2);
  assert.equal((await c.get('/api/v1/questionnaires/0123456789abcdef0123456789abcdef')).status, 404);
  assert.equal((await c.get('/api/v1/questionnaires?all=maybe')).status, 422);
  assert.equal((await fetch(srv.url + '/api/v1/questionnaires')).status, 401);
});
