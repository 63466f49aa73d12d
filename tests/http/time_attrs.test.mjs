// Every <time datetime="..."> on the plan, goal, history and notes pages is
// valid HTML: a date, or a date and time with at most three digits of a
// second fraction. Instants are stored in microseconds, and testers saw
// "2026-11-23T08:02:50.302798Z", which HTML does not allow. The test gives
// the demo's instants a fraction of a second first, so a page that writes
// the stored value as it is fails here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, mette;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

// HTML's valid date string, or valid global date and time string in UTC
// (https://html.spec.whatwg.org/#valid-global-date-and-time-string).
const VALID = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?Z)?$/;
const FRACTION = '.302798';

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  assert.match(mette, /^[0-9a-f]{32}$/, 'the demo has Mette Larsen');
  // A fraction of a second on every instant these pages show.
  const frac = (table, col) => sql(`UPDATE ${table} SET ${col} = ${col} - (${col} % 1000000) + 302798
    WHERE ${col} IS NOT NULL AND ${col} > 0`);
  frac('plan_comment', 'created_us');
  frac('plan_history', 'changed_us');
  frac('note', 'created_us');
  frac('goal', 'reached_us');
  frac('plan_domain', 'updated_us');
  assert.ok(Number(sql(`SELECT count(*) FROM plan_history WHERE person_id=${q(mette)}`)) > 0, 'her plan has a history');
});
after(async () => { await srv.stop(); });

const signIn = async (name) => client(srv).signIn(name);
const page = async (c, path) => {
  const res = await c.get(path);
  assert.equal(res.status, 200, `GET ${path}`);
  return res.text();
};
const datetimes = (html) => [...html.matchAll(/<time\b[^>]*\bdatetime="([^"]*)"/g)].map((m) => m[1]);

test('no datetime attribute has more than three digits of a fraction', async () => {
  const reached = sql(`SELECT id FROM goal WHERE person_id=${q(mette)} AND reached_us IS NOT NULL
    AND domain <> 'substance_use' ORDER BY reached_us DESC LIMIT 1`);
  assert.match(reached, /^[0-9a-f]{32}$/, 'the demo has a reached goal');
  // A comment on that goal, and one on a domain, written now.
  const m = await signIn('mette');
  for (const [kind, item] of [['goal', reached], ['domain', 'housing']]) {
    const res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: kind, item_id: item, body: 'Det går bedre', lang: 'da' });
    assert.equal(res.status, 303, `a comment on the ${kind}`);
  }
  frac();

  const p = await signIn('peter');
  const pages = [
    [m, `/persons/${mette}/plan`],
    [m, `/persons/${mette}/plan/history`],
    [m, `/persons/${mette}/plan/goals/${reached}`],
    [m, `/persons/${mette}/plan/domains/housing`],
    [m, '/me/notes'],
    [p, `/persons/${mette}/plan`],
    [p, `/persons/${mette}/plan/history`],
    [p, `/persons/${mette}/plan/goals/${reached}`],
    [p, `/persons/${mette}/notes`],
  ];
  let seen = 0;
  for (const [c, path] of pages) {
    const html = await page(c, path);
    const all = datetimes(html);
    for (const d of all) assert.match(d, VALID, `${path}: datetime="${d}"`);
    assert.ok(!html.includes(FRACTION), `${path} shows no stored microseconds`);
    seen += all.filter((d) => d.includes('T')).length;
  }
  assert.ok(seen >= 10, `the pages carry instants to check (${seen})`);
});

/** The comments just written get a fraction of a second too. */
function frac() {
  sql(`UPDATE plan_comment SET created_us = created_us - (created_us % 1000000) + 302798`);
  sql(`UPDATE plan_history SET changed_us = changed_us - (changed_us % 1000000) + 302798`);
}
