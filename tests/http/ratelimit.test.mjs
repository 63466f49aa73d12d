// Write limits (src/http/ratelimit.c): every form, API and FHIR write of an
// account shares one bucket; over it, 429 with Retry-After, nothing written,
// and after the wait the same writes go through. A low limit here (60 a
// minute, 3 at once): the other tests run with it raised (tests/lib/rosc.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { fhirToken, fhirSend } from '../lib/fhir.mjs';

let srv, mette, token;
const sql = (q) => srv.sql(q);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
// With 60 a minute and a burst of 3, a quiet 3 seconds fills the bucket.
const refill = () => sleep(3200);

before(async () => {
  srv = await startRosc({ env: { ROSC_WRITE_LIMIT: '60', ROSC_WRITE_BURST: '3' } });
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  token = await fhirToken(srv, 'mette');
});
after(async () => { await srv.stop(); });

const lang = () => sql("SELECT coalesce(lang, '-') FROM user_account WHERE username='mette'");
const checkins = () => Number(sql(`SELECT count(*) FROM checkin WHERE person_id=${q(mette)}`));
const goals = () => Number(sql(`SELECT count(*) FROM goal WHERE person_id=${q(mette)}`));
const apiCheckin = (c) => c.request('POST', `/api/v1/persons/${mette}/checkins`, {
  body: JSON.stringify({ mood: 4, craving: 1, sleep: 3, supported: 4 }),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});
const goal = () => ({
  resourceType: 'Goal', lifecycleStatus: 'planned', language: 'da',
  category: [{ coding: [{ system: 'urn:rosc:fhir:life-domain', code: 'housing' }] }],
  description: { text: 'Min egen lejlighed' },
  subject: { reference: `Patient/${mette}` },
});

test('over the limit: 429 with Retry-After for a page form, an API write and a FHIR write; after the wait they go through', async () => {
  const c = client(srv);
  await c.signIn('mette');
  const nCheckins = checkins();
  const nGoals = goals();
  await refill();
  // Three at once are fine (the burst); the fourth is one too many, and so
  // are an API write and a FHIR write of the same account straight after.
  for (const l of ['da', 'en', 'da']) {
    const res = await c.post('/me/settings/language', { lang: l });
    assert.equal(res.status, 303, `language ${l}`);
  }
  const page = await c.post('/me/settings/language', { lang: 'nl' });
  const api = await apiCheckin(c);
  const fhir = await fhirSend(srv, token, 'POST', '/fhir/R4/Goal', goal());

  // The page, in her language; nothing saved.
  assert.equal(page.status, 429);
  assert.equal(page.headers.get('retry-after'), '1');
  assert.equal(page.headers.get('content-language'), 'da');
  const html = await page.text();
  assert.match(html, /<html lang="da">/);
  assert.match(html, /<h1>/);
  assert.equal(lang(), 'da', 'the refused write changed nothing');

  // The API: problem+json with the stable code, nothing written.
  assert.equal(api.status, 429);
  assert.match(api.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(api.headers.get('retry-after'), '1');
  const problem = await api.json();
  assert.equal(problem.code, 'rate_limited');
  assert.equal(problem.status, 429);
  assert.equal(problem.type, 'urn:rosc:problem:rate_limited');
  assert.equal(checkins(), nCheckins);

  // FHIR, with an API token of the same account: an OperationOutcome.
  assert.equal(fhir.status, 429);
  assert.equal(fhir.headers.get('retry-after'), '1');
  const outcome = await fhir.json();
  assert.equal(outcome.resourceType, 'OperationOutcome');
  assert.equal(outcome.issue[0].code, 'throttled');
  assert.equal(outcome.issue[0].details.coding[0].code, 'rate_limited');
  assert.equal(goals(), nGoals);

  // Reading is never limited.
  assert.equal((await c.get('/me/settings')).status, 200);

  // Someone else writes on as usual meanwhile.
  const other = client(srv);
  await other.signIn('lars');
  assert.equal((await other.post('/me/settings/language', { lang: 'da' })).status, 303);

  // After the wait, each goes through.
  await refill();
  let res = await c.post('/me/settings/language', { lang: 'nl' });
  assert.equal(res.status, 303);
  assert.equal(lang(), 'nl');
  res = await apiCheckin(c);
  assert.equal(res.status, 201);
  assert.equal(checkins(), nCheckins + 1);
  res = await fhirSend(srv, token, 'POST', '/fhir/R4/Goal', goal());
  assert.equal(res.status, 201);
  assert.equal(goals(), nGoals + 1);
  assert.match(srv.log(), /status=429 us=\d+ problem=rate_limited/);
});

test('the limits are configurable, and wrong values are refused at start', async () => {
  const { roscCli } = await import('../lib/rosc.mjs');
  let r = roscCli(['serve', '--write-limit', 'lots']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--write-limit wants a number from 0 to 1000000/);
  r = roscCli(['serve', '--write-burst', '0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--write-burst wants a number from 1 to 1000000/);
  r = roscCli(['serve', '--help']);
  assert.match(r.stdout + r.stderr, /--write-limit N/);
});
