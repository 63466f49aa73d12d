// The caseload as a dashboard (src/web/caseload.c, web_flags_caseload in
// src/web/flags.c, src/store/caseload.c): the early warnings given to the
// staff member first, the most urgent on top, each with its reason and due
// time; and per person a sparkline of the check-ins' mood, the next
// appointment and the pathway phase, each only where the door lets the
// staff member see its category, and noted in the person's access log as
// a list entry of that category when shown. On the demo world: Peter
// (Nordlys, Mette's home organisation) sees all of Mette by duty; Karin
// (Socialforvaltningen Østerbro, her coordinator) sees her appointments
// and plan by consent, but not her check-ins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, mette;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const KOMMUNE = 'Socialforvaltningen Østerbro';

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  // The start's own round of the rules raises the demo's flags.
  for (let t = 0; t < 15000; t += 100) {
    const busy = Number(sql(`SELECT count(*) FROM job WHERE kind LIKE 'warnings%'
      AND (state = 'running' OR (state = 'queued' AND run_at_us <= ${Date.now() * 1000}))`));
    if (busy === 0) break;
    await sleep(100);
  }
});
after(async () => { await srv.stop(); });

const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
/** Mette's row of the caseload table. */
const rowOf = (html) => {
  const at = html.indexOf(`<a class="row-link" href="/persons/${mette}">`);
  assert.ok(at > 0, 'Mette is listed');
  return html.slice(at, html.indexOf('</tr>', at));
};
const section = (html) => {
  const at = html.indexOf('<section class="needs-action"');
  return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at));
};
const logged = (user, what) => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u
  ON u.id = l.actor_id WHERE l.person_id = ${q(mette)} AND u.username = ${q(user)} AND l.what = ${q(what)}`));

test('Peter, by duty: his follow-up first, then Mette with her mood, next appointment and phase', async () => {
  const peter = await signIn('peter');
  const html = await (await peter.get('/persons')).text();
  const s = section(html);
  assert.match(s, /<h2 id="s-action">Needs action first<\/h2>/);
  // The demo's check-ins report use: Peter, her home organisation's
  // professional, was given it.
  assert.match(s, /Mette Larsen<\/a><\/h3><p>Use of alcohol or drugs reported in a check-in<\/p>/);
  assert.match(s, /Get in touch within 2 working days\. Due: <time/);
  assert.match(s, /href="\/me\/flags">All my follow-ups/);
  assert.ok(html.indexOf('needs-action') < html.indexOf('<table'), 'needs action comes before the list');
  const row = rowOf(html);
  const n = Number(sql(`SELECT count(*) FROM checkin WHERE person_id=${q(mette)} AND day >= '${new Date(Date.now() - 27 * 86400e3).toISOString().slice(0, 10)}'`));
  assert.ok(n > 1);
  assert.match(row, new RegExp(`<svg [^>]*class="chart chart-spark"[^>]*role="img" aria-label="Mood in ${n} check-ins of the last four weeks, from 1 to 5, oldest first:( [1-5]){${n}}"`));
  assert.match(row, new RegExp(`data-label="Next appointment"><a href="/persons/${mette}/appointments">\\d+ \\w+ \\d{4}</a>`));
  assert.match(row, /data-label="Pathway phase">[^<]+ <span class="small">\(until /);
  // Each part shown is a list entry of its category in her log.
  for (const what of ['questionnaires', 'appointments', 'plan'])
    assert.ok(logged('peter', what) >= 1, `${what} is in her log`);
});

test('Karin, by consent: no check-ins without that consent, and nothing of it in the log', async () => {
  const karin = await signIn('karin', KOMMUNE);
  const html = await (await karin.get('/persons')).text();
  const row = rowOf(html);
  assert.doesNotMatch(row, /chart-spark/);
  assert.match(row, /data-label="Next appointment"><a /);
  assert.match(row, /data-label="Pathway phase">[^<]+/);
  assert.equal(logged('karin', 'questionnaires'), 0);
  assert.ok(logged('karin', 'appointments') >= 1);
  // Her follow-ups: Mette's missed appointment and Søren's referral, not
  // Peter's task about Mette's use.
  const s = section(html);
  assert.match(s, /An appointment was missed/);
  assert.match(s, /A referral has had no answer/);
  assert.doesNotMatch(s, /Use of alcohol or drugs/);
});

test('the most urgent first: an overdue task goes to the top, marked', async () => {
  const karinId = sql("SELECT id FROM user_account WHERE username='karin'");
  const id = sql(`SELECT id FROM warning_flag WHERE person_id=${q(mette)} AND rule_code='appointment-missed' AND resolved_us IS NULL`);
  sql(`UPDATE warning_flag SET due_us = ${(Date.now() - 3 * 86400e3) * 1000} WHERE person_id=${q(mette)} AND id=${q(id)}`);
  assert.equal(sql(`SELECT assigned_user_id FROM warning_flag WHERE id=${q(id)}`), karinId);
  const karin = await signIn('karin', KOMMUNE);
  const s = section(await (await karin.get('/persons')).text());
  const first = s.indexOf('<li');
  assert.equal(s.indexOf(`flag-${id}`, first) < s.indexOf('</li>', first), true, 'the overdue one is first');
  assert.match(s.slice(first, s.indexOf('</li>', first)), /<li class="flag task overdue">.*<strong class="overdue-mark">overdue<\/strong>/s);
});

test('withdrawing consent takes the appointment and its warning off her row and list at once', async () => {
  const org = sql(`SELECT id FROM organisation WHERE name=${q(KOMMUNE)}`);
  sql(`UPDATE consent SET granted = 0 WHERE person_id=${q(mette)} AND recipient_org_id=${q(org)} AND category='appointments'`);
  sql('UPDATE policy_change SET n = n + 1');
  try {
    const karin = await signIn('karin', KOMMUNE);
    const html = await (await karin.get('/persons')).text();
    assert.match(rowOf(html), /data-label="Next appointment"><\/td>/);
    assert.doesNotMatch(section(html), /An appointment was missed/);
  } finally {
    sql(`UPDATE consent SET granted = 1 WHERE person_id=${q(mette)} AND recipient_org_id=${q(org)} AND category='appointments'`);
    sql('UPDATE policy_change SET n = n + 1');
  }
});

test('a search or a later page shows the list only; a family member sees no task list', async () => {
  const karin = await signIn('karin', KOMMUNE);
  assert.equal(section(await (await karin.get('/persons?q=Me')).text()), '');
  const birgit = await signIn('birgit');
  const html = await (await birgit.get('/persons')).text();
  assert.equal(section(html), '');
  assert.doesNotMatch(html, /Needs action first/);
});

test('what the page keeps between loads is never older than the last write', async () => {
  const peter = await signIn('peter');
  const spark = (html) => Number((rowOf(html).match(/aria-label="Mood in (\d+) check-ins/) || [])[1]);
  const before = spark(await (await peter.get('/persons')).text());
  assert.ok(before > 1);
  // Mette checks in: the next load counts it.
  const mc = await signIn('mette');
  const res = await mc.request('POST', `/api/v1/persons/${mette}/checkins`, {
    body: JSON.stringify({ mood: 4, craving: 1, use: 'none', sleep: 4, supported: 4 }),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': mc.csrf },
  });
  assert.equal(res.status, 201);
  assert.equal(spark(await (await peter.get('/persons')).text()), before + 1);
  // Peter records the follow-up of his task: it leaves "needs action" at once.
  const fid = sql(`SELECT id FROM warning_flag WHERE person_id=${q(mette)} AND rule_code='use-reported' AND resolved_us IS NULL`);
  assert.match(section(await (await peter.get('/persons')).text()), new RegExp(`flag-${fid}`));
  const done = await peter.post(`/persons/${mette}/flags/${fid}`, { resolution: 'reached', note: 'Vi talte sammen.' });
  assert.equal(done.status, 303);
  assert.doesNotMatch(section(await (await peter.get('/persons')).text()), new RegExp(`flag-${fid}`));
});
