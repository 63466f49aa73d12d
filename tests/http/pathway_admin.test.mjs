// Pathway templates for organisation admins (src/web/admin_pathways.c,
// src/core/pathway_report.c) on the demo world: only an organisation's
// admins, acting for it, reach the pages; the editor holds a version as
// JSON with its version raised; a template with problems comes back with
// the text as typed and each problem by its JSON path, and nothing is
// saved; saving makes a new version that belongs to the organisation,
// audited; a version the organisation has is refused and nothing changes;
// the report counts only the organisation's own pathways and shows no
// count from 1 to 4.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, nordlys, osterbro, anneId, dk;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const DK = 'dk-alcohol-outpatient';
const NORDLYS = 'Behandlingscenter Nordlys';
const UNKNOWN = '0123456789abcdef0123456789abcdef';

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  nordlys = sql(`SELECT id FROM organisation WHERE name = ${q(NORDLYS)}`);
  osterbro = sql("SELECT id FROM organisation WHERE name = 'Socialforvaltningen Østerbro'");
  anneId = sql("SELECT id FROM user_account WHERE username = 'anne'");
  dk = sql(`SELECT id FROM pathway_template WHERE code = ${q(DK)} AND org_id IS NULL AND version = 1`);
});
after(async () => { await srv.stop(); });

const signIn = (name) => client(srv).signIn(name);
const page = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.text();
};
const unescape = (s) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"')
  .replaceAll('&#39;', "'").replaceAll('&amp;', '&');
/** The editor's text, as the browser would send it back. */
const boxText = (html) => unescape(/<textarea id="f-json"[^>]*>\n([\s\S]*?)<\/textarea>/.exec(html)[1]);
const templates = () => sql("SELECT code || '|' || version || '|' || coalesce(org_id, '') || '|' || body FROM pathway_template ORDER BY code, coalesce(org_id, ''), version");
const audits = () => sql("SELECT count(*) FROM audit WHERE action = 'pathway_template.create'");

test('only the admins of the organisation acted for reach the pages', async () => {
  const paths = ['/admin/pathways', `/admin/pathways/new?from=${dk}`, `/admin/pathways/${DK}/report`];
  // A professional, a coordinator, a person, and a system admin (who acts for no organisation).
  for (const who of ['peter', 'daan', 'mette', 'admin']) {
    const c = await signIn(who);
    for (const path of paths) assert.equal((await c.get(path)).status, 403, `${who} GET ${path}`);
    assert.equal((await c.post('/admin/pathways', { json: '{}' })).status, 403, `${who} POST`);
  }
  const had = templates();
  const anne = await signIn('anne');
  const html = await page(anne, '/admin/pathways');
  for (const name of ['Alcohol treatment (Denmark, outpatient)', 'Shipped with rosc'])
    assert.ok(html.includes(name), name);
  assert.ok(html.includes(`href="/admin/pathways/new?from=${dk}"`));
  assert.ok(html.includes(`href="/admin/pathways/${DK}/report"`));
  assert.equal((html.match(/<li class="card">/g) || []).length, 3, 'the three shipped templates');
  // Where the other administration pages are.
  assert.match(await page(anne, '/admin/users'), /href="\/admin\/pathways"/);
  assert.doesNotMatch(await page(await signIn('admin'), '/admin/users'), /href="\/admin\/pathways"/);
  assert.equal(templates(), had);
});

test('the editor holds the template as JSON, version raised; a problem keeps the text and says where', async () => {
  const anne = await signIn('anne');
  let html = await page(anne, `/admin/pathways/new?from=${dk}`);
  assert.match(html, /rosc-pathway-template\/1/);
  assert.match(html, /comes with rosc\. Saving makes it your organisation&#39;s own/);
  const doc = JSON.parse(boxText(html));
  assert.equal(doc.code, DK);
  assert.equal(doc.version, 2);
  assert.equal(doc.format, 'rosc-pathway-template/1');
  assert.equal(doc.start_within_days, 14);
  await page(anne, `/admin/pathways/new?from=${UNKNOWN}`, 404);
  await page(anne, '/admin/pathways/new', 404);
  await page(anne, '/admin/pathways/new?from=nonsense', 404);

  const had = templates();
  const n = audits();
  delete doc.phases[1].name.da;
  doc.phases[2].expected_days = 0;
  doc.phases[0].sources = ['nowhere'];
  doc.colour = 'red';
  const sent = JSON.stringify(doc, null, 1) + '\n  <b>&"\'';
  let res = await anne.post('/admin/pathways', { json: sent });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.equal(boxText(html), sent, 'the text comes back as typed');
  assert.match(html, /aria-invalid="true"/);
  // Not JSON (the tail above): the place is given.
  assert.match(html, /<code>\$<\/code>: not valid JSON \(line \d+, character \d+\)/);
  res = await anne.post('/admin/pathways', { json: JSON.stringify(doc, null, 2) });
  assert.equal(res.status, 422);
  html = await res.text();
  for (const line of ['phases[1].name.da</code>: missing', 'phases[2].expected_days</code>: out of range',
    'phases[0].sources[0]</code>: names no source of the template', 'colour</code>: not a field of the format'])
    assert.ok(html.includes(`<code>${line}`), line);
  assert.match(html, /<div class="error-summary"/);

  // Empty, too long, not UTF-8: each said, nothing saved.
  res = await anne.post('/admin/pathways', { json: '  \n' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /The text box is empty/);
  res = await anne.post('/admin/pathways', { json: ' '.repeat(201 * 1024) + '{}' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /longer than 200 KB/);
  res = await anne.request('POST', '/admin/pathways', {
    body: `csrf=${encodeURIComponent(anne.csrf)}&json=%7B%22code%22%3A%22%FF%22%7D`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /not UTF-8 text/);
  assert.match(boxText(html), /\{"code":"\uFFFD"\}/);
  assert.equal(templates(), had);
  assert.equal(audits(), n);
});

test('saving makes a new version of the organisation\'s own; a version it has is refused and nothing changes', async () => {
  const anne = await signIn('anne');
  const doc = JSON.parse(boxText(await page(anne, `/admin/pathways/new?from=${dk}`)));
  doc.phases[0].expected_days = 10;
  const shipped = sql(`SELECT body FROM pathway_template WHERE id = ${q(dk)}`);
  let res = await anne.post('/admin/pathways', { json: JSON.stringify(doc, null, 2) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/pathways?saved=1');
  const own = sql(`SELECT id || '|' || version || '|' || created_by FROM pathway_template WHERE code = ${q(DK)} AND org_id = ${q(nordlys)}`);
  const [ownId, version, by] = own.split('|');
  assert.equal(version, '2');
  assert.equal(by, anneId);
  assert.equal(JSON.parse(sql(`SELECT body FROM pathway_template WHERE id = ${q(ownId)}`)).phases[0].expected_days, 10);
  assert.equal(sql(`SELECT body FROM pathway_template WHERE id = ${q(dk)}`), shipped, 'the shipped one stays');
  assert.equal(sql("SELECT target || '|' || detail || '|' || actor_org_id FROM audit WHERE action = 'pathway_template.create'"),
    `pathway_template:${ownId}|${DK} v2|${nordlys}`);
  let html = await page(anne, '/admin/pathways?saved=1');
  assert.match(html, /The new version is saved/);
  assert.match(html, /Your organisation&#39;s own/);
  assert.match(html, /Version 2, saved on/);

  // The same version again, or an older one: refused, the text kept, nothing changes.
  const had = templates();
  const n = audits();
  const text = JSON.stringify(doc, null, 2);
  res = await anne.post('/admin/pathways', { json: text });
  assert.equal(res.status, 409);
  html = await res.text();
  assert.match(html, /Version 2 of dk-alcohol-outpatient exists already for your organisation/);
  assert.match(html, /Raise &quot;version&quot; to 3/);
  assert.equal(boxText(html), text);
  doc.version = 1;
  res = await anne.post('/admin/pathways', { json: JSON.stringify(doc) });
  assert.equal(res.status, 409);
  assert.match(await res.text(), /has version 2 of dk-alcohol-outpatient, newer than version 1/);
  assert.equal(templates(), had);
  assert.equal(audits(), n);

  // A new version from the shipped one goes past the organisation's own.
  assert.equal(JSON.parse(boxText(await page(anne, `/admin/pathways/new?from=${dk}`))).version, 3);
  assert.equal(JSON.parse(boxText(await page(anne, `/admin/pathways/new?from=${ownId}`))).version, 3);
  // A template of its own, with a code of its own.
  doc.code = 'nordlys-eget';
  doc.version = 1;
  res = await anne.post('/admin/pathways', { json: JSON.stringify(doc) });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT org_id FROM pathway_template WHERE code = 'nordlys-eget'`), nordlys);

  // Another organisation's admin sees none of it, and keeps versions of its own.
  const sofie = await signIn('sofie');
  html = await page(sofie, '/admin/pathways');
  assert.doesNotMatch(html, /Your organisation&#39;s own/);
  assert.doesNotMatch(html, /nordlys-eget/);
  await page(sofie, `/admin/pathways/new?from=${ownId}`, 404);
  await page(sofie, '/admin/pathways/nordlys-eget/report', 404);
  const theirs = JSON.parse(boxText(await page(sofie, `/admin/pathways/new?from=${dk}`)));
  assert.equal(theirs.version, 2, 'Østerbro has no version of its own yet');
  res = await sofie.post('/admin/pathways', { json: JSON.stringify(theirs) });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT count(*) FROM pathway_template WHERE code = ${q(DK)} AND version = 2`), '2');
});

// Pathways made directly: n of them for org on template id, in status,
// each with its phases (code, status, started, ended) and deviations.
let made = 0;
function pathways(org, template, n, { status, due = '2026-01-15', started = null, phase = null, phases = [], devs = [] }) {
  const persons = sql('SELECT id FROM person ORDER BY id LIMIT 3').split('\n');
  for (let i = 0; i < n; i++) {
    const person = persons[made % persons.length];
    const id = (++made).toString(16).padStart(32, '0');
    sql(`INSERT INTO pathway (person_id, id, template_id, org_id, status, time_zone, first_contact,
      start_due, started, phase, offered_us, version) VALUES (${q(person)}, ${q(id)}, ${q(template)},
      ${q(org)}, ${q(status)}, 'Europe/Copenhagen', '2026-01-01', ${due ? q(due) : 'NULL'},
      ${started ? q(started) : 'NULL'}, ${phase ?? 'NULL'}, 1, 1)`);
    phases.forEach(([code, st, from, to], seq) => sql(`INSERT INTO pathway_phase (person_id, pathway_id,
      seq, ord, code, expected_days, status, started, ended) VALUES (${q(person)}, ${q(id)}, ${seq}, ${seq},
      ${q(code)}, 7, ${q(st)}, ${from ? q(from) : 'NULL'}, ${to ? q(to) : 'NULL'})`));
    devs.forEach(([kind, reason], k) => sql(`INSERT INTO pathway_deviation (person_id, pathway_id, id, kind,
      reason, at_us) VALUES (${q(person)}, ${q(id)}, ${q(`${id}-${k}`)}, ${q(kind)}, ${q(reason)}, 1)`));
  }
}
/** The cell after a row's heading (the first match). */
const cell = (html, label) => {
  const m = new RegExp(`<th scope="row">${label}</th><td>([^<]*)</td>`).exec(html);
  return m ? m[1] : null;
};
const phaseRow = (html, name) => {
  const m = new RegExp(`<td class="row-main">${name.replace(/[()]/g, '\\$&')}</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>`).exec(html);
  return m ? [m[1], m[2]] : null;
};

test('the report counts the organisation\'s own pathways and shows no count from 1 to 4', async () => {
  // Only the pathways made here: none the demo world may have.
  for (const t of ['pathway_deviation', 'pathway_item', 'pathway_phase', 'pathway']) sql(`DELETE FROM ${t}`);
  const own = sql(`SELECT id FROM pathway_template WHERE code = ${q(DK)} AND org_id = ${q(nordlys)} AND version = 2`);
  // Nordlys: six under way in the assessment, started within the 14 days,
  // each phase lengthened once; one stopped, started late; two declined.
  const running = {
    status: 'running', started: '2026-01-12', phase: 2,
    phases: [['first-contact', 'done', '2026-01-01', '2026-01-08'], ['treatment-start', 'done', '2026-01-08', '2026-01-12'],
      ['assessment', 'current', '2026-01-12', null], ['treatment-course', 'waiting'], ['aftercare', 'waiting']],
    devs: [['lengthen', 'needs_time']],
  };
  pathways(nordlys, dk, 3, running);
  pathways(nordlys, own, 3, running);
  pathways(nordlys, own, 1, {
    status: 'stopped', started: '2026-01-20',
    phases: [['first-contact', 'done', '2026-01-01', '2026-01-20'], ['treatment-start', 'current', '2026-01-20', null]],
    devs: [['stop', 'person_wish']],
  });
  pathways(nordlys, dk, 2, { status: 'declined', phases: [['first-contact', 'waiting']] });
  // Østerbro's are not Nordlys' to count.
  pathways(osterbro, dk, 3, { status: 'running', started: '2026-01-05', phase: 1, phases: [['first-contact', 'done', '2026-01-01', '2026-01-05'], ['treatment-start', 'current', '2026-01-05', null]] });

  const anne = await signIn('anne');
  let html = await page(anne, `/admin/pathways/${DK}/report`);
  assert.match(html, /<h1>Report: Alcohol treatment \(Denmark, outpatient\)<\/h1>/);
  assert.equal(cell(html, 'Offered, in all'), '9');
  assert.equal(cell(html, 'Agreed by the person and started'), '7');
  assert.equal(cell(html, 'Under way'), '6');
  assert.equal(cell(html, 'Offered, not yet agreed'), '0');
  assert.equal(cell(html, 'Stopped'), 'fewer than 5');
  assert.equal(cell(html, 'Not chosen'), 'fewer than 5');
  assert.deepEqual(phaseRow(html, 'First contact'), ['0', '7 (over 7 phases)']);
  assert.deepEqual(phaseRow(html, 'Start of treatment (within 14 days)'), ['0', '4 (over 6 phases)'], 'the stopped one is not in it');
  assert.deepEqual(phaseRow(html, 'Assessment'), ['6', 'none done yet']);
  // 6 in time and 1 late: the share would tell the one.
  assert.match(html, /Not shown: fewer than 5 pathways started in time, or fewer than 5 late/);
  assert.equal(cell(html, 'Needs more time'), '6');
  assert.equal(cell(html, 'The person&#39;s own wish'), 'fewer than 5');
  assert.equal(cell(html, 'Phase made longer'), '6');
  assert.equal(cell(html, 'Pathway stopped'), 'fewer than 5');
  assert.equal(cell(html, 'Health'), '0');
  assert.match(html, /What is counted/);
  assert.doesNotMatch(html, /\(over [1-4] phases?\)/, 'no median over fewer than 5');
  for (const [label, n] of html.matchAll(/<th scope="row">([^<]*)<\/th><td>([^<]*)<\/td>/g))
    assert.ok(!/^[1-4]$/.test(n), `${label}: ${n}`);

  // Once the late start is in time, the share can be shown.
  sql(`UPDATE pathway SET started = '2026-01-14' WHERE status = 'stopped'`);
  html = await page(anne, `/admin/pathways/${DK}/report`);
  assert.match(html, /100% of 7 pathways started treatment within the start guarantee/);

  // Østerbro's admin sees Østerbro's three only: fewer than 5.
  html = await page(await signIn('sofie'), `/admin/pathways/${DK}/report`);
  assert.equal(cell(html, 'Offered, in all'), 'fewer than 5');
  assert.equal(cell(html, 'Under way'), 'fewer than 5');
  assert.deepEqual(phaseRow(html, 'First contact'), ['0', 'not shown: fewer than 5 done']);

  // A template nobody has, or a code that cannot be one.
  await page(anne, '/admin/pathways/no-such-template/report', 404);
  await page(anne, '/admin/pathways/Not_A_Code/report', 404);
  await page(anne, '/admin/pathways/nordlys-eget/report');
});
