// Every FHIR resource rosc emits is valid R4: the full export of every
// demo person (`rosc export person ID --fhir FILE`) and what the API
// answers, checked by an independent validator (the npm package "fhir")
// and by our own checks of the formats it leaves alone (dates, instants,
// ids, references).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, roscCli } from '../lib/rosc.mjs';
import { fhirToken, fhirGet } from '../lib/fhir.mjs';
import { problems, formatProblems } from '../lib/fhir_check.mjs';

let srv, dir;
before(async () => {
  srv = await startRosc();
  dir = mkdtempSync(join(tmpdir(), 'rosc-fhir-'));
});
after(async () => {
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('our own format checks catch what the validator lets through', () => {
  const bad = {
    resourceType: 'Goal', id: 'not valid!', lifecycleStatus: 'active', description: { text: 'x' },
    subject: { reference: 'patient 1' }, statusDate: '2026-13-45', meta: { lastUpdated: '2026-12-07' },
  };
  const found = formatProblems(bad).join('\n');
  assert.match(found, /Goal\.id/);
  assert.match(found, /Goal\.subject\.reference: patient 1 is not Type\/id/);
  assert.match(found, /Goal\.statusDate: 2026-13-45 is not a valid date/);
  assert.match(found, /Goal\.meta\.lastUpdated: 2026-12-07 is not a valid instant/);
  assert.ok(problems({ resourceType: 'Goal', id: 'a', description: { text: 'x' }, subject: { reference: 'Patient/a' } })
    .some((p) => /lifecycleStatus/.test(p)), 'the validator finds a missing required element');
  assert.ok(problems({ resourceType: 'Patient', id: 'a', colour: 'blue' }).some((p) => /Unexpected property/.test(p)));
});

test('the full export of every demo person validates with zero errors', () => {
  const persons = srv.sql('SELECT id FROM person ORDER BY id').split('\n').filter(Boolean);
  assert.ok(persons.length >= 4, 'the demo has several persons');
  for (const id of persons) {
    const file = join(dir, `${id}.json`);
    const r = roscCli(['export', 'person', id, '--fhir', file, '--db', srv.db]);
    assert.equal(r.status, 0, r.stderr);
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    const found = problems(bundle);
    assert.deepEqual(found, [], `person ${id}`);
    // Every reference to something of the person's resolves inside it.
    const held = new Set(bundle.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`));
    assert.ok(held.has(`Patient/${id}`));
    const refs = JSON.stringify(bundle).matchAll(/"reference":"((Goal|CarePlan|QuestionnaireResponse|Observation|Appointment|ServiceRequest|Communication)\/[^"]+)"/g);
    for (const [, ref] of refs) assert.ok(held.has(ref), `${ref} in the export of ${id}`);
  }
});

test('the export and the person\'s own $everything hold the same resources', async () => {
  const token = await fhirToken(srv, 'mette');
  const mette = srv.sql(`SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = 'mette'`);
  const file = join(dir, 'mette.json');
  assert.equal(roscCli(['export', 'person', mette, '--fhir', file, '--db', srv.db]).status, 0);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  const res = await fhirGet(srv, token, `/fhir/R4/Patient/${mette}/$everything`);
  assert.equal(res.status, 200);
  const everything = await res.json();
  assert.deepEqual(problems(everything), []);
  const keys = (b) => b.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`).sort();
  assert.deepEqual(keys(everything), keys(exported));
  // Anything that is not a person answers as missing.
  const r = roscCli(['export', 'person', '0'.repeat(32), '--fhir', join(dir, 'x.json'), '--db', srv.db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no person has the id/);
});

test('every answer of the API validates: metadata, reads and searches', async () => {
  const token = await fhirToken(srv, 'mette');
  const cs = await (await fhirGet(srv, null, '/fhir/R4/metadata')).json();
  assert.deepEqual(problems(cs), []);
  for (const { type } of cs.rest[0].resource) {
    const bundle = await (await fhirGet(srv, token, `/fhir/R4/${type}?_count=20`)).json();
    assert.deepEqual(problems(bundle), [], type);
    for (const e of bundle.entry.filter((x) => x.search.mode === 'match').slice(0, 3)) {
      const one = await fhirGet(srv, token, `/fhir/R4/${type}/${e.resource.id}`);
      assert.equal(one.status, 200, `${type}/${e.resource.id}`);
      assert.deepEqual(problems(await one.json()), [], `${type}/${e.resource.id}`);
    }
  }
  const oo = await (await fhirGet(srv, token, '/fhir/R4/Goal?colour=blue')).json();
  assert.deepEqual(problems(oo), []);
});

test('the data download offers the same as FHIR, only to the person herself', async () => {
  const token = await fhirToken(srv, 'mette');
  const res = await fhirGet(srv, token, '/api/v1/me/data/fhir');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/fhir\+json/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="rosc-my-data-fhir\.json"/);
  const bundle = await res.json();
  assert.equal(bundle.type, 'collection');
  assert.deepEqual(problems(bundle), []);
  const mette = srv.sql(`SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = 'mette'`);
  assert.ok(bundle.entry.some((e) => e.resource.resourceType === 'Patient' && e.resource.id === mette));
  const staff = await fhirToken(srv, 'peter');
  assert.equal((await fhirGet(srv, staff, '/api/v1/me/data/fhir')).status, 404);
  const page = await (await fetch(srv.url + '/me/data', { headers: { Authorization: `Bearer ${token}` } })).text();
  assert.match(page, /href="\/api\/v1\/me\/data\/fhir" download>Download my data \(FHIR\)</);
});

test('every code system of rosc\'s own that a resource names is published as a CodeSystem', async () => {
  const token = await fhirToken(srv, 'mette');
  const ls = await (await fhirGet(srv, token, '/fhir/R4/CodeSystem')).json();
  assert.deepEqual(problems(ls), []);
  const published = new Set(ls.entry.filter((e) => e.search.mode === 'match').map((e) => e.resource.url));
  const domains = await (await fhirGet(srv, token, '/fhir/R4/CodeSystem/life-domain')).json();
  assert.equal(domains.url, 'urn:rosc:fhir:life-domain');
  assert.equal(domains.concept.length, 10);
  const housing = domains.concept.find((c) => c.code === 'housing');
  assert.equal(housing.display, 'Housing');
  assert.deepEqual(housing.designation.map((d) => d.language).sort(), ['da', 'nl']);
  assert.ok(housing.designation.every((d) => d.value && d.value !== 'Housing'), 'Dutch and Danish words');
  // Every system rosc's resources name under urn:rosc:fhir: is one of them
  // (identifier systems and canonical URLs of questionnaires aside).
  const persons = srv.sql('SELECT id FROM person ORDER BY id').split('\n').filter(Boolean);
  const named = new Set();
  for (const id of persons) {
    // The exports the test above wrote.
    const file = join(dir, `${id}.json`);
    for (const [, sys] of readFileSync(file, 'utf8').matchAll(/"system": "(urn:rosc:fhir:[a-z-]+)"/g)) named.add(sys);
  }
  for (const t of ['HealthcareService', 'Organization', 'PractitionerRole']) {
    const b = await (await fhirGet(srv, token, `/fhir/R4/${t}?_count=50`)).json();
    for (const [, sys] of JSON.stringify(b).matchAll(/"system":"(urn:rosc:fhir:[a-z-]+)"/g)) named.add(sys);
  }
  named.delete('urn:rosc:fhir:national-id');
  assert.ok(named.size >= 5, [...named].join(' '));
  for (const sys of named) assert.ok(published.has(sys), `${sys} is not published`);
  assert.equal((await fhirGet(srv, token, '/fhir/R4/CodeSystem/no-such-thing')).status, 404);
});
