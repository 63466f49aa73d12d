// Answering questionnaires and the person's results (src/web/questionnaires.c,
// src/api/responses.c, src/store/responses.c, src/core/q_response.c) on the
// demo world. Mette answers the WHO-5 herself and sees her score and chart;
// Peter (her home organisation, by duty) enters answers she gave in a
// conversation; Karin (Østerbro) reads and enters only with Mette's consent
// to her questionnaires; Birgit (family, by consent) reads but never
// answers; Lars, never in her network, finds exactly what a missing id
// gives. Bad input is refused with a message at the field and nothing
// written; the version answered stays when a new version is imported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, roscCli, ROOT } from '../lib/rosc.mjs';

let srv, mette, jan, who5v1;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const UNKNOWN = '0123456789abcdef0123456789abcdef';
const cli = (...args) => roscCli([...args, '--db', srv.db]);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  who5v1 = sql("SELECT id FROM questionnaire WHERE code='who-5' AND version=1");
});
after(async () => { await srv.stop(); });

const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const page = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.text();
};
const rows = () => sql('SELECT (SELECT count(*) FROM questionnaire_response) || \'|\' || (SELECT count(*) FROM questionnaire_answer)');
const api = (c, path, body) => c.request('POST', path, {
  body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});
const logged = (pid, user, what) => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u
  ON u.id = l.actor_id WHERE l.person_id = ${q(pid)} AND u.username = ${q(user)} AND l.what = ${q(what)}`));
const all = (score) => Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`item-${i}`, String(score)]));

test('the demo: Mette answered the WHO-5 three times and the BARC-10 twice; Jan the AUDIT-C', () => {
  assert.equal(sql(`SELECT score FROM questionnaire_response
    WHERE person_id=${q(mette)} AND code='who-5' ORDER BY day`).split('\n').join(','), '36,48,60');
  assert.equal(sql(`SELECT score || zone FROM questionnaire_response
    WHERE person_id=${q(mette)} AND code='barc-10' ORDER BY day`).split('\n').join(','),
  '38growing-recovery-capital,44growing-recovery-capital');
  assert.equal(sql(`SELECT code || '|' || score || '|' || answered FROM questionnaire_response WHERE person_id=${q(jan)}`),
    'audit-c|5|3');
  assert.equal(sql(`SELECT source FROM questionnaire_response WHERE person_id=${q(mette)} AND code='barc-10' ORDER BY day LIMIT 1`), 'staff');
});

test('Mette sees her results with a chart, answers the WHO-5 and sees her score', async () => {
  const m = await signIn('mette');
  let html = await page(m, `/persons/${mette}/questionnaires`);
  assert.match(html, /<h1>My questionnaires<\/h1>/);
  assert.match(html, /<svg[^>]*class="chart chart-line chart-zoned"[^>]*aria-labelledby="chart-who-5-t"/);
  assert.match(html, /3 scores, oldest first: 36, 48, 60/);
  assert.match(html, /Well-being has been low lately/);
  assert.match(html, /Good well-being lately/);
  // BARC-10: the line at 47, said as building capital.
  assert.match(html, /class="chart-mark"[^>]*y1="[\d.]+"/);
  assert.match(html, />building capital</);
  assert.match(html, /60 \(from 0 to 100\)/);
  assert.match(html, new RegExp(`href="/persons/${mette}/questionnaires/who-5/new"`));
  // She reads her own: nothing lands in her log.
  assert.equal(logged(mette, 'mette', 'questionnaires'), 0);

  html = await page(m, `/persons/${mette}/questionnaires/who-5/new`);
  assert.match(html, /<fieldset id="f-item-1" class="question"><legend><span class="number">1\.<\/span> <span lang="en">I have felt cheerful and in good spirits<\/span><\/legend>/);
  assert.equal((html.match(/type="radio" name="item-1"/g) || []).length, 6);
  assert.match(html, /Psychiatric Centre North Zealand/);
  assert.match(html, /Free to use; no permission is needed/);
  assert.doesNotMatch(html, /no official version in your language/);
  assert.match(html, new RegExp(`name="questionnaire_id" value="${who5v1}"`));

  const before = rows();
  const res = await m.post(`/persons/${mette}/questionnaires/who-5/new`, { questionnaire_id: who5v1, ...all(4) });
  assert.equal(res.status, 303);
  const loc = res.headers.get('location');
  const rid = new RegExp(`^/persons/${mette}/questionnaire-responses/([0-9a-f]{32})\\?saved=1$`).exec(loc)[1];
  assert.equal(rows(), before.split('|').map(Number).map((n, i) => n + (i ? 5 : 1)).join('|'));
  assert.equal(sql(`SELECT source || '|' || score || '|' || zone || '|' || questionnaire_id FROM questionnaire_response WHERE id=${q(rid)}`),
    `self|80|good|${who5v1}`);
  html = await page(m, loc);
  assert.match(html, /Your answers are saved/);
  assert.match(html, /Score: 80, on a scale from 0 to 100/);
  assert.match(html, /Good well-being lately/);
  assert.match(html, /<strong lang="en">Most of the time<\/strong>/);
  assert.doesNotMatch(html, /Entered by/);
});

test('in Danish the instrument is shown in English, with a note and marked lang="en"', async () => {
  const m = await signIn('mette');
  sql("UPDATE user_account SET lang = 'da' WHERE username = 'mette'");
  try {
    const d = client(srv);
    await d.signIn('mette');
    const html = await page(d, `/persons/${mette}/questionnaires/who-5/new`);
    assert.match(html, /<h1 lang="en">WHO-5 Well-Being Index<\/h1>/);
    assert.match(html, /<p class="notice">[^<]+<\/p>/);
    assert.match(html, /<label for="o-1-0" lang="en">All of the time<\/label>/);
  } finally {
    sql("UPDATE user_account SET lang = 'en' WHERE username = 'mette'");
  }
  await m.get('/');
});

test('bad answers: the form again with the answers kept and a message at the field; nothing written', async () => {
  const m = await signIn('mette');
  await m.get(`/persons/${mette}/questionnaires/who-5/new`);
  const before = rows();
  const path = `/persons/${mette}/questionnaires/who-5/new`;
  // One left out: a message at it, the others kept.
  let res = await m.post(path, { ...all(3), 'item-5': '' });
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /<fieldset id="f-item-5" class="question has-error" aria-describedby="e-item-5">/);
  assert.match(html, /<p class="field-error" id="e-item-5">Please fill this in\.<\/p>/);
  assert.match(html, /<a href="#f-item-5">/);
  assert.match(html, /name="item-1" id="o-1-2" value="3" checked/);
  // A value no answer has, words instead of a number, a long one.
  for (const bad of ['9', 'abc', '-', '00003', '3.0']) {
    res = await m.post(path, { ...all(3), 'item-2': bad });
    assert.equal(res.status, 422, bad);
    html = await res.text();
    assert.match(html, /<p class="field-error" id="e-item-2">Please choose one of the options\.<\/p>/, bad);
    assert.match(html, /name="item-1" id="o-1-2" value="3" checked/);
  }
  // Empty: every question wants an answer.
  res = await m.post(path, {});
  assert.equal(res.status, 422);
  html = await res.text();
  assert.equal((html.match(/class="field-error"/g) || []).length, 5);
  // Invalid UTF-8.
  const body = `csrf=${encodeURIComponent(m.csrf)}&item-1=%FF&item-2=3&item-3=3&item-4=3&item-5=3`;
  res = await m.request('POST', path, { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<p class="field-error" id="e-item-1">This contains characters/);
  // A version of another questionnaire, or none that exists.
  const audit = sql("SELECT id FROM questionnaire WHERE code='audit-c'");
  res = await m.post(path, { ...all(3), questionnaire_id: audit });
  assert.equal(res.status, 404);
  res = await m.post('/persons/' + mette + '/questionnaires/no-such-thing/new', all(3));
  assert.equal(res.status, 404);
  assert.equal(rows(), before);
});

test('staff: by duty and with consent they read and enter answers given in a conversation; without, nothing', async () => {
  const peter = await signIn('peter');
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  const birgit = await signIn('birgit');
  sql(`DELETE FROM consent WHERE person_id=${q(mette)} AND category='questionnaires'`);

  // Peter, her home organisation: reads (logged) and enters.
  let n = logged(mette, 'peter', 'questionnaires');
  let html = await page(peter, `/persons/${mette}/questionnaires`);
  assert.match(html, /Enter answers from a conversation/);
  assert.match(html, /60 \(from 0 to 100\)/);
  assert.equal(logged(mette, 'peter', 'questionnaires'), n + 1);
  html = await page(peter, `/persons/${mette}/questionnaires/barc-10/new`);
  assert.match(html, /You are entering the answers Mette gave you in a conversation/);
  const ten = Object.fromEntries([...Array(10).keys()].map((i) => [`item-${i + 1}`, '5']));
  let res = await peter.post(`/persons/${mette}/questionnaires/barc-10/new`, ten);
  assert.equal(res.status, 303);
  const rid = /questionnaire-responses\/([0-9a-f]{32})/.exec(res.headers.get('location'))[1];
  assert.equal(sql(`SELECT r.source || '|' || r.score || '|' || r.zone || '|' || u.username FROM questionnaire_response r
    JOIN user_account u ON u.id = r.created_by WHERE r.id=${q(rid)}`), 'staff|50|building-recovery-capital|peter');
  html = await page(peter, `/persons/${mette}/questionnaire-responses/${rid}`);
  assert.match(html, /Entered by Peter[^<]* from a conversation/);
  assert.match(html, /Building recovery capital: strong resources/);
  // Mette sees it too, entered by Peter.
  const m = await signIn('mette');
  assert.match(await page(m, `/persons/${mette}/questionnaire-responses/${rid}`), /Entered by Peter/);

  // Karin and Birgit without consent: told in plain words, nothing shown, nothing logged.
  n = logged(mette, 'karin', 'questionnaires');
  for (const c of [karin, birgit]) {
    for (const path of [`/persons/${mette}/questionnaires`, `/persons/${mette}/questionnaire-responses/${rid}`,
      `/persons/${mette}/questionnaires/who-5/new`]) {
      res = await c.get(path);
      assert.equal(res.status, 403, path);
      assert.match(await res.text(), /not shared this with you/);
    }
    res = await c.get(`/api/v1/persons/${mette}/questionnaire-responses`);
    assert.equal(res.status, 403);
  }
  const before = rows();
  res = await karin.post(`/persons/${mette}/questionnaires/who-5/new`, all(3));
  assert.equal(res.status, 403);
  assert.equal(rows(), before);
  assert.equal(logged(mette, 'karin', 'questionnaires'), n);

  // With her consent to their organisations (and to Birgit by name).
  sql(`INSERT INTO consent (person_id, id, recipient_org_id, category, granted, until_date, version, updated_us)
    VALUES (${q(mette)}, 'cq1', (SELECT id FROM organisation WHERE name = 'Socialforvaltningen Østerbro'), 'questionnaires', 1, NULL, 1, 0)`);
  sql(`INSERT INTO consent (person_id, id, recipient_member_id, category, granted, until_date, version, updated_us)
    VALUES (${q(mette)}, 'cq2', (SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
      WHERE m.person_id = ${q(mette)} AND u.username = 'birgit'), 'questionnaires', 1, NULL, 1, 0)`);
  html = await page(karin, `/persons/${mette}/questionnaires`);
  assert.match(html, /60 \(from 0 to 100\)/);
  assert.equal(logged(mette, 'karin', 'questionnaires'), n + 1);
  await page(karin, `/persons/${mette}/questionnaires/who-5/new`);
  res = await karin.post(`/persons/${mette}/questionnaires/who-5/new`, all(2));
  assert.equal(res.status, 303);
  // Family reads, and is never offered the form.
  html = await page(birgit, `/persons/${mette}/questionnaires`);
  assert.match(html, /40 \(from 0 to 100\)/);
  assert.doesNotMatch(html, /Enter answers/);
  assert.equal((await birgit.get(`/persons/${mette}/questionnaires/who-5/new`)).status, 403);
  sql(`DELETE FROM consent WHERE id IN ('cq1', 'cq2')`);
});

test('someone else\'s id answers exactly like a missing one', async () => {
  const lars = await signIn('lars');
  const rid = sql(`SELECT id FROM questionnaire_response WHERE person_id=${q(mette)} LIMIT 1`);
  const strip = (s) => s.replace(/value="[^"]*"/g, '').replace(/next=[^"&]*/g, '');
  for (const [a, b] of [[`/persons/${mette}/questionnaires`, `/persons/${UNKNOWN}/questionnaires`],
    [`/persons/${mette}/questionnaires/who-5/new`, `/persons/${UNKNOWN}/questionnaires/who-5/new`],
    [`/persons/${mette}/questionnaire-responses/${rid}`, `/persons/${UNKNOWN}/questionnaire-responses/${rid}`],
    [`/api/v1/persons/${mette}/questionnaire-responses`, `/api/v1/persons/${UNKNOWN}/questionnaire-responses`]]) {
    const x = await lars.get(a), y = await lars.get(b);
    assert.equal(x.status, 404, a);
    assert.equal(y.status, 404, b);
    assert.equal(strip(await x.text()), strip(await y.text()));
  }
  const before = rows();
  assert.equal((await api(lars, `/api/v1/persons/${mette}/questionnaire-responses`, { questionnaire: 'who-5', answers: { 1: 3 } })).status, 404);
  assert.equal(rows(), before);
  // Mette's own response ids read as missing under Jan's record.
  const janC = await signIn('jan');
  assert.equal((await janC.get(`/persons/${jan}/questionnaire-responses/${rid}`)).status, 404);
});

test('the API: answer, scored by the rule; stable codes for every problem; nothing written on error', async () => {
  const m = await signIn('mette');
  const path = `/api/v1/persons/${mette}/questionnaire-responses`;
  let res = await api(m, path, { questionnaire: 'who-5', answers: { 1: 3, 2: 3, 3: 3, 4: 3, 5: 3 } });
  assert.equal(res.status, 201);
  let j = await res.json();
  assert.equal(j.questionnaire, 'who-5');
  assert.equal(j.score, 60);
  assert.equal(j.zone.code, 'good');
  assert.equal(j.zone.label, 'Good well-being lately');
  assert.equal(j.source, 'self');
  assert.deepEqual(j.answers, { 1: 3, 2: 3, 3: 3, 4: 3, 5: 3 });
  // Too few answered: saved, not scored, with the reason.
  res = await api(m, path, { questionnaire: 'who-5', answers: [{ item: '1', value: 5 }, { item: '2', value: 0 }] });
  assert.equal(res.status, 201);
  j = await res.json();
  assert.equal(j.scored, false);
  assert.equal(j.score, null);
  assert.equal(j.zone, null);
  assert.match(j.not_scored_reason, /2 of 5 questions were answered/);
  const nid = j.id;
  const html = await (await m.get(`/persons/${mette}/questionnaire-responses/${nid}`)).text();
  assert.match(html, /Not scored\./);
  assert.match(html, /2 of 5 questions were answered\. This questionnaire gives a score only when every question is answered\./);
  assert.equal((html.match(/<strong>Not answered<\/strong>/g) || []).length, 3);

  const before = rows();
  const bad = async (body, status, field, code) => {
    const r = await api(m, path, body);
    assert.equal(r.status, status, JSON.stringify(body));
    const p = await r.json();
    if (field) assert.deepEqual(p.errors, [{ field, code }], JSON.stringify(body));
    else assert.equal(p.code, code);
  };
  await bad({ questionnaire: 'no-such', answers: { 1: 3 } }, 422, 'questionnaire', 'unknown_questionnaire');
  await bad({ answers: { 1: 3 } }, 422, 'questionnaire', 'required');
  await bad({ questionnaire: 5, answers: { 1: 3 } }, 422, 'questionnaire', 'invalid_format');
  await bad({ questionnaire: 'who-5', version: 99, answers: { 1: 3 } }, 422, 'version', 'unknown_version');
  await bad({ questionnaire: 'who-5', questionnaire_id: UNKNOWN, answers: { 1: 3 } }, 422, 'questionnaire_id', 'unknown_version');
  await bad({ questionnaire: 'who-5', answers: { 9: 3 } }, 422, 'answers.9', 'unknown_item');
  await bad({ questionnaire: 'who-5', answers: { 1: 6 } }, 422, 'answers.1', 'invalid_value');
  await bad({ questionnaire: 'who-5', answers: { 1: '3' } }, 422, 'answers.1', 'invalid_format');
  await bad({ questionnaire: 'who-5', answers: { 1: 3.5 } }, 422, 'answers.1', 'invalid_format');
  await bad({ questionnaire: 'who-5', answers: { 1: 99999999999 } }, 422, 'answers.1', 'invalid_value');
  await bad({ questionnaire: 'who-5', answers: [{ item: '1', value: 3 }, { item: '1', value: 4 }] }, 422, 'answers.1', 'duplicate_item');
  await bad({ questionnaire: 'who-5', answers: {} }, 422, 'answers', 'empty');
  await bad({ questionnaire: 'who-5', answers: [] }, 422, 'answers', 'empty');
  await bad({ questionnaire: 'who-5' }, 422, 'answers', 'required');
  await bad({ questionnaire: 'who-5', answers: 'all good' }, 422, 'answers', 'invalid_format');
  await bad({ questionnaire: 'who-5', answers: [3] }, 422, 'answers[0]', 'invalid_format');
  await bad({ questionnaire: 'who-5', answers: { 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3 } }, 422, 'answers', 'too_many');
  await bad('{"questionnaire": "who-5", "answers": {"1": 3, "1": 4}}', 400, null, 'bad_request');
  await bad(Buffer.from('{"questionnaire": "who-\xff", "answers": {"1": 3}}', 'latin1'), 400, null, 'invalid_encoding');
  await bad('', 400, null, 'bad_request');
  assert.equal(rows(), before);

  res = await m.get(`${path}?questionnaire=audit-c`);
  assert.deepEqual((await res.json()).questionnaire_responses, []);
  res = await m.get(path);
  j = await res.json();
  assert.ok(j.questionnaire_responses.some((x) => x.id === nid && x.scored === false));
  // Peter enters through the API too; Birgit, who may only read, may not.
  const peter = await signIn('peter');
  res = await api(peter, path, { questionnaire: 'audit-c', answers: { 1: 1, 2: 0, 3: 0 } });
  assert.equal(res.status, 201);
  j = await res.json();
  assert.equal(j.source, 'staff');
  assert.equal(j.zone, null);
  assert.equal(j.score, 1);
});

test('the version answered is kept when a new version is imported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-q-'));
  try {
    const doc = JSON.parse(readFileSync(join(ROOT, 'data/questionnaires/who-5.json'), 'utf8'));
    doc.version = 2;
    doc.zones[0].to = 44;
    doc.zones[1].from = 45;
    writeFileSync(join(dir, 'who-5-v2.json'), JSON.stringify(doc));
    const r = cli('import', 'questionnaire', join(dir, 'who-5-v2.json'));
    assert.equal(r.status, 0, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const v2 = sql("SELECT id FROM questionnaire WHERE code='who-5' AND version=2");
  const old = sql(`SELECT id FROM questionnaire_response WHERE person_id=${q(mette)} AND code='who-5' AND score=48`);
  const m = await signIn('mette');
  let html = await page(m, `/persons/${mette}/questionnaire-responses/${old}`);
  assert.match(html, /\(version 1\)/);
  assert.match(html, /Well-being has been low lately/);
  html = await page(m, `/persons/${mette}/questionnaires/who-5/new`);
  assert.match(html, new RegExp(`name="questionnaire_id" value="${v2}"`));
  // A form filled in before the import still answers version 1.
  let res = await m.post(`/persons/${mette}/questionnaires/who-5/new`, { questionnaire_id: who5v1, 'item-1': '3', 'item-2': '3', 'item-3': '3', 'item-4': '2', 'item-5': '1' });
  assert.equal(res.status, 303);
  let rid = /responses\/([0-9a-f]{32})/.exec(res.headers.get('location'))[1];
  assert.equal(sql(`SELECT questionnaire_id || '|' || score || '|' || zone FROM questionnaire_response WHERE id=${q(rid)}`), `${who5v1}|48|low`);
  res = await api(m, `/api/v1/persons/${mette}/questionnaire-responses`, { questionnaire: 'who-5', answers: { 1: 3, 2: 3, 3: 3, 4: 2, 5: 1 } });
  let j = await res.json();
  assert.equal(j.version, 2);
  assert.equal(j.zone.code, 'good');
  assert.equal(j.questionnaire_id, v2);
  res = await api(m, `/api/v1/persons/${mette}/questionnaire-responses`, { questionnaire: 'who-5', version: 1, answers: { 1: 3, 2: 3, 3: 3, 4: 2, 5: 1 } });
  j = await res.json();
  assert.equal(j.version, 1);
  assert.equal(j.zone.code, 'low');
  assert.equal(sql(`SELECT count(*) FROM questionnaire_response WHERE questionnaire_id=${q(v2)}`), '1');
  // The results list reads each response by its own version's zones.
  html = await page(m, `/persons/${mette}/questionnaires`);
  assert.match(html, /48 \(from 0 to 100\) · Good well-being lately/);
  assert.match(html, /48 \(from 0 to 100\) · Well-being has been low lately/);
});

test('the person\'s download holds her responses with their answers', async () => {
  const m = await signIn('mette');
  const res = await m.get('/api/v1/me/data');
  assert.equal(res.status, 200);
  const doc = await res.json();
  const who5 = doc.questionnaire_responses.filter((x) => x.questionnaire === 'who-5');
  assert.ok(who5.length >= 3);
  const first = doc.questionnaire_responses.find((x) => x.questionnaire === 'barc-10' && x.score === 38);
  assert.equal(first.source, 'staff');
  assert.equal(first.entered_by.name, 'Karin Madsen');
  assert.deepEqual(Object.keys(first.answers).length, 10);
  assert.equal(first.answers['1'], 4);
});

test('a pathway phase links the questionnaires it lists to their forms', async () => {
  const peter = await signIn('peter');
  const pid = sql(`SELECT id FROM pathway WHERE person_id=${q(mette)}`);
  const html = await page(peter, `/persons/${mette}/pathways/${pid}`);
  assert.match(html, new RegExp(`<a href="/persons/${mette}/questionnaires/(audit|who-5|audit-c|barc-10)/new">Questionnaire`));
});
