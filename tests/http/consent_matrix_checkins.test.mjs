// The consent matrix for check-ins ("check-ins and questionnaires"): consent
// given / not given / withdrawn / expired x the kinds of relationship (home
// organisation, another organisation, a peer worker and a family member
// consented to by name, a former member, someone never in the network) ->
// allow, or 403 vs 404, on the page and in the API, and in the access log;
// craving and use only where alcohol and drug use is shared too. The
// person's own download holds them whatever she shares. (The other
// categories: consent_matrix.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { ACTORS, STATES, expected, setConsent as setConsentOf, logged as loggedOf } from '../lib/consent.mjs';

let srv, mette;
const sql = (q) => srv.sql(q);
const setConsent = (state, cats) => setConsentOf(sql, mette, state, cats);
const logged = (user, what) => loggedOf(sql, mette, user, what);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => { await srv.stop(); });

test('check-ins: each consent state x relationship, on the page, in the API and in the log', async () => {
  const clients = {};
  for (const user of Object.keys(ACTORS)) {
    clients[user] = client(srv);
    await clients[user].signIn(user, undefined, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  }
  const problems = [];
  for (const state of STATES) {
    setConsent(state, ['questionnaires']);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const want = expected(relation, state);
      for (const path of [`/persons/${mette}/checkins`, `/api/v1/persons/${mette}/checkins`]) {
        const before = logged(user, 'questionnaires');
        const res = await clients[user].get(path);
        if (res.status !== want) problems.push(`${state}: ${user} (${relation}) ${path}: expected ${want}, got ${res.status}`);
        const body = await res.text();
        const plain = path.startsWith('/api/') ? /"code": *"forbidden"/ : /not shared this with you/;
        if (want === 403 && !plain.test(body)) problems.push(`${state}: ${user} ${path}: 403 without the plain words`);
        if (want === 404 && /Mette|Hård/.test(body)) problems.push(`${state}: ${user} ${path}: the 404 shows something`);
        if ((want === 200) !== /Hård aften/.test(body)) problems.push(`${state}: ${user} ${path}: shown ${/Hård aften/.test(body)}`);
        // Craving only by duty here (no one else has substance-use consent).
        const craving = path.startsWith('/api/') ? /"craving": *8/ : /8 of 10/;
        if (want === 200 && craving.test(body) !== (relation === 'home')) problems.push(`${state}: ${user} ${path}: craving shown ${craving.test(body)}`);
        const after = logged(user, 'questionnaires');
        if (want === 200 && after !== before + 1) problems.push(`${state}: ${user} ${path}: read not logged (${before} -> ${after})`);
        if (want !== 200 && after !== before) problems.push(`${state}: ${user} ${path}: a refusal was logged`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('recovery check-ups: each consent state x relationship, on the page, in the API and in the log', async () => {
  const clients = {};
  for (const user of Object.keys(ACTORS)) {
    clients[user] = client(srv);
    await clients[user].signIn(user, undefined, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  }
  const problems = [];
  for (const state of STATES) {
    setConsent(state, ['questionnaires']);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const want = expected(relation, state);
      for (const [path, words] of [[`/persons/${mette}/checkups`, /<h1>Recovery check-ups: /],
        [`/api/v1/persons/${mette}/checkups`, /"checkups"/]]) {
        const before = logged(user, 'questionnaires');
        const res = await clients[user].get(path);
        if (res.status !== want) problems.push(`${state}: ${user} (${relation}) ${path}: expected ${want}, got ${res.status}`);
        const body = await res.text();
        if (want === 404 && /Mette/.test(body)) problems.push(`${state}: ${user} ${path}: the 404 shows something`);
        if ((want === 200) !== words.test(body)) problems.push(`${state}: ${user} ${path}: shown ${words.test(body)}`);
        const after = logged(user, 'questionnaires');
        if (want === 200 && after !== before + 1) problems.push(`${state}: ${user} ${path}: read not logged (${before} -> ${after})`);
        if (want !== 200 && after !== before) problems.push(`${state}: ${user} ${path}: a refusal was logged`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('with alcohol and drug use shared too, craving and use show, and that is logged', async () => {
  setConsent('given', ['questionnaires', 'substance']);
  const karin = client(srv);
  await karin.signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  const before = logged('karin', 'substance');
  const html = await (await karin.get(`/persons/${mette}/checkins`)).text();
  assert.match(html, /8 of 10/);
  assert.match(html, /Use since last time/);
  assert.equal(logged('karin', 'substance'), before + 1);
});

test('the person\'s own download holds her check-ins, whatever she shares', async () => {
  setConsent('not given', []);
  const c = client(srv);
  await c.signIn('mette');
  const doc = await (await c.get('/api/v1/me/data')).json();
  assert.ok(doc.checkins.some((x) => /Hård aften/.test(x.line || '')));
  assert.ok(doc.checkins.some((x) => x.craving === 8));
  assert.equal(doc.checkin_rhythm.every_days, 1);
});
