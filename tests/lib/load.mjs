// A mixed write load for the crash and backup tests: Mette creates goals
// over FHIR, Karin writes to her in a thread over the API, and Karin reads
// Mette's record over FHIR (each read is in Mette's access log before its
// answer). Only 2xx answers count as acknowledged, each with its time.
import assert from 'node:assert/strict';
import { fhirToken } from './fhir.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** What the load was told was written, by kind. */
export function ledger() {
  return { goals: [], messages: [], reads: [], refused: 0, failed: 0 };
}

/**
 * Runs the three writers against base() (the server's URL, which changes
 * when rosc is started again) until stop() says so. Only 2xx answers count
 * as acknowledged; a refused connection or a 5xx is neither.
 */
export function load(base, t, ids, acked, stop) {
  let n = 0;
  const send = async (method, path, token, body) => {
    try {
      const res = await fetch(base() + path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': path.startsWith('/fhir/') ? 'application/fhir+json' : 'application/json' }) },
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 300) return true;
      if (res.status >= 500) acked.refused++;
      else throw new Error(`${method} ${path} answered ${res.status}`);
    } catch (e) {
      if (/answered/.test(e.message)) throw e;
      acked.failed++;
    }
    return false;
  };
  const worker = async (step) => {
    while (!stop()) {
      if (!(await step(n++))) await sleep(20);
    }
  };
  return Promise.all([
    worker(async (i) => {
      const title = `Crash goal ${process.pid}-${i}`;
      const ok = await send('POST', '/fhir/R4/Goal', t.mette, {
        resourceType: 'Goal', lifecycleStatus: 'active',
        category: [{ coding: [{ system: 'urn:rosc:fhir:life-domain', code: 'housing' }] }],
        description: { text: title }, subject: { reference: `Patient/${ids.mette}` },
      });
      if (ok) acked.goals.push({ text: title, at: Date.now() });
      return ok;
    }),
    worker(async (i) => {
      const text = `Crash message ${process.pid}-${i}`;
      const ok = await send('POST', `/api/v1/persons/${ids.mette}/messages`, t.karin,
        { thread: ids.thread, text });
      if (ok) acked.messages.push({ text, at: Date.now() });
      return ok;
    }),
    worker(async () => {
      const ok = await send('GET', `/fhir/R4/Patient/${ids.mette}`, t.karin);
      if (ok) acked.reads.push(Date.now());
      return ok;
    }),
  ]);
}

/** Tokens and ids the load needs, from a running server. */
export async function prepare(srv) {
  const t = { mette: await fhirToken(srv, 'mette'), karin: await fhirToken(srv, 'karin', { orgName: 'Socialforvaltningen Østerbro' }) };
  const ids = {
    mette: srv.sql("SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = 'mette'"),
    karin: srv.sql("SELECT id FROM user_account WHERE username = 'karin'"),
  };
  const res = await fetch(`${srv.url}/api/v1/persons/${ids.mette}/messages`,
    { headers: { Authorization: `Bearer ${t.karin}` } });
  assert.equal(res.status, 200);
  ids.thread = (await res.json()).threads[0].id;
  ids.since = Number(srv.sql('SELECT coalesce(max(at_us), 0) FROM access_log'));
  return { t, ids };
}

/**
 * Every write acknowledged before `before` (a Date.now() time; all by
 * default) is in the database that sql (a function running a query) reads.
 */
export function checkAll(sql, ids, acked, { before = Infinity } = {}) {
  const goals = new Set(sql(`SELECT title FROM goal WHERE person_id = ${q(ids.mette)} AND title LIKE 'Crash goal %'`).split('\n'));
  const lostGoals = acked.goals.filter((x) => x.at < before && !goals.has(x.text));
  const bodies = new Set(sql(`SELECT body FROM message WHERE person_id = ${q(ids.mette)} AND body LIKE 'Crash message %'`).split('\n'));
  const lostMessages = acked.messages.filter((x) => x.at < before && !bodies.has(x.text));
  // Each read by Karin is an entry of its own in Mette's log.
  const logged = Number(sql(`SELECT count(*) FROM access_log WHERE person_id = ${q(ids.mette)} `
    + `AND actor_id = ${q(ids.karin)} AND action = 'read' AND at_us > ${ids.since}`));
  const reads = acked.reads.filter((at) => at < before).length;
  assert.deepEqual(lostGoals.map((x) => x.text), [], 'every acknowledged goal is there');
  assert.deepEqual(lostMessages.map((x) => x.text), [], 'every acknowledged message is there');
  assert.ok(logged >= reads, `every acknowledged read is logged (${logged} entries, ${reads} reads)`);
  return acked.goals.length + acked.messages.length + acked.reads.length;
}
