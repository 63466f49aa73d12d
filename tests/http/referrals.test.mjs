// Closed-loop referrals (src/web/referrals.c, src/api/referrals.c) on the
// demo world. Jan Visser (De Brug; coordinator daan) is referred to IPS job
// support at Jobcenter Amager, whose staff (mia) are not in his network:
// they see nothing of Jan before he accepts, what he shared on the very
// next request after, and nothing again once he withdraws (unless another
// open referral holds it). Every move lands in referral_event; consent
// changes in consent_history; the receiver's reads in the access log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, jan, mette, jobcenter;
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const IPS = 'demo-svc-jobcenter-ips';
const MENTOR = 'demo-svc-jobcenter-mentor';
const UNKNOWN = '0123456789abcdef0123456789abcdef';

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jobcenter = sql("SELECT id FROM organisation WHERE name='Jobcenter Amager'");
  assert.match(jan, /^[0-9a-f]{32}$/);
});
after(async () => { await srv.stop(); });

const signIn = (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const page = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.text();
};
const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];
const idsOf = (pid) => sql(`SELECT id FROM referral WHERE person_id=${q(pid)}`).split('\n').filter(Boolean);
const statusOf = (rid) => sql(`SELECT status FROM referral WHERE id=${q(rid)}`);
const events = (rid) => sql(`SELECT coalesce(from_status, '-') || '>' || to_status || '|' || coalesce(by_user, '') || '|' || coalesce(note, '')
  FROM referral_event WHERE referral_id=${q(rid)} ORDER BY seq`).split('\n');
const granted = (pid, org, cat) => sql(`SELECT coalesce(max(granted), 0) FROM consent WHERE person_id=${q(pid)}
  AND recipient_org_id=${q(org)} AND category=${q(cat)}`);
const userId = (name) => sql(`SELECT id FROM user_account WHERE username=${q(name)}`);

/** Proposes service for pid on the page as c; the new referral's id. */
async function propose(c, pid, form, status = 303) {
  await page(c, `/persons/${pid}/referrals/new`);
  const had = new Set(idsOf(pid));
  const res = await c.post(`/persons/${pid}/referrals/new`, form);
  assert.equal(res.status, status, await res.text());
  // The new one (a test clock set forward elsewhere makes "newest" unsafe).
  const made = idsOf(pid).filter((id) => !had.has(id));
  assert.equal(made.length, status === 303 ? 1 : 0);
  return status === 303 ? made[0] : null;
}
async function move(c, pid, rid, status, note = '', expect = 303) {
  const html = await page(c, `/persons/${pid}/referrals/${rid}`);
  const res = await c.post(`/persons/${pid}/referrals/${rid}/status`, { status, note, version: versionOf(html) });
  assert.equal(res.status, expect, `${status}: ${res.status}`);
  return res;
}
async function accept(c, pid, rid) {
  const html = await page(c, `/persons/${pid}/referrals/${rid}/accept`);
  const res = await c.post(`/persons/${pid}/referrals/${rid}/status`, { status: 'accepted', version: versionOf(html) });
  assert.equal(res.status, 303);
  return html;
}
const api = (c, path, body) => c.request('POST', path, {
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
});

test('the coordinator proposes; the receiver sees nothing before the person accepts, and what was shared on the very next request after', async () => {
  const daan = await signIn('daan'), mia = await signIn('mia'), janC = await signIn('jan');
  const goal = sql(`SELECT id FROM goal WHERE person_id=${q(jan)} LIMIT 1`);
  const rid = await propose(daan, jan, { service: IPS, goal, reason: 'Werk vinden met steun' });
  assert.equal(statusOf(rid), 'proposed');
  assert.equal(sql(`SELECT to_org_id FROM referral WHERE id=${q(rid)}`), jobcenter);
  // Before acceptance: Jobcenter knows nothing of Jan, not even that he exists.
  const missing = await (await mia.get(`/persons/${UNKNOWN}`)).text();
  assert.equal((await mia.get(`/persons/${jan}`)).status, 404);
  assert.equal((await mia.get(`/persons/${jan}/referrals/${rid}`)).status, 404);
  assert.doesNotMatch(await page(mia, '/referrals'), /Jan Visser/);
  void missing;
  // The person sees exactly what Jobcenter will get, before confirming.
  const confirm = await page(janC, `/persons/${jan}/referrals/${rid}/accept`);
  assert.match(confirm, /Jobcenter Amager will see:/);
  assert.match(confirm, /Basic details \(name, contact, my people\)/);
  assert.match(confirm, /My plan and goals/);
  assert.doesNotMatch(confirm, /Journal notes/);
  assert.match(confirm, /Accept and send/);
  const historyBefore = Number(sql(`SELECT count(*) FROM consent_history WHERE person_id=${q(jan)}`));
  await accept(janC, jan, rid);
  assert.equal(statusOf(rid), 'sent');
  assert.deepEqual(events(rid).map((e) => e.split('|')[0]), ['->proposed', 'proposed>accepted', 'accepted>sent']);
  assert.equal(granted(jan, jobcenter, 'basic'), '1');
  assert.equal(granted(jan, jobcenter, 'plan'), '1');
  assert.equal(Number(sql(`SELECT count(*) FROM consent_history WHERE person_id=${q(jan)}`)), historyBefore + 2);
  assert.equal(sql(`SELECT category || granted_here FROM referral_consent WHERE referral_id=${q(rid)} ORDER BY category`), 'basic1\nplan1');
  assert.match(sql(`SELECT purpose FROM consent WHERE person_id=${q(jan)} AND recipient_org_id=${q(jobcenter)} AND category='basic'`), /Referral to IPS/);
  // The very next request: the receiver reads Jan's shared data, and it is logged.
  const logBefore = Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(jan)} AND actor_id=${q(userId('mia'))}`));
  const detail = await page(mia, `/persons/${jan}/referrals/${rid}`);
  assert.match(detail, /Jan Visser/);
  assert.match(detail, /Werk vinden met steun/);
  assert.equal((await mia.get(`/persons/${jan}`)).status, 200);
  assert.match(await page(mia, '/referrals'), /Jan Visser/);
  // What was not shared stays closed: the receiver is told, not shown.
  assert.equal((await mia.get(`/persons/${jan}/notes`)).status, 403);
  const logged = sql(`SELECT DISTINCT what FROM access_log WHERE person_id=${q(jan)} AND actor_id=${q(userId('mia'))} ORDER BY what`).split('\n');
  assert.ok(Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(jan)} AND actor_id=${q(userId('mia'))}`)) > logBefore);
  assert.ok(logged.includes('referral') && logged.includes('basic'), logged.join());
  // The receiver answers: who, when, note.
  await move(mia, jan, rid, 'received', 'We bellen je deze week');
  assert.equal(statusOf(rid), 'received');
  assert.match(events(rid).at(-1), new RegExp(`^sent>received\\|${userId('mia')}\\|We bellen je deze week$`));
  assert.equal(sql(`SELECT coalesce(answer_due_us, 0) FROM referral WHERE id=${q(rid)}`), '0');
  // Jan sees it in plain words.
  assert.match(await page(janC, `/persons/${jan}/referrals`), /Jobcenter Amager has received your referral and will contact you\./);
  // Illegal moves are refused, on the page and in the API.
  await move(mia, jan, rid, 'withdrawn', '', 422);
  await move(mia, jan, rid, 'accepted', '', 422);
  await move(janC, jan, rid, 'eligible', '', 422);
  await move(daan, jan, rid, 'scheduled', '', 422);
  const v = Number(sql(`SELECT version FROM referral WHERE id=${q(rid)}`));
  let res = await api(mia, `/api/v1/referrals/${rid}/status`, { status: 'proposed', version: v });
  assert.equal(res.status, 422);
  const problem = await res.json();
  assert.equal(problem.errors[0].code, 'illegal_transition');
  res = await api(mia, `/api/v1/referrals/${rid}/status`, { status: 'eligible', version: v - 1 });
  assert.equal(res.status, 409);
  res = await api(mia, `/api/v1/referrals/${rid}/status`, { status: 'eligible', note: 'Welkom', version: v });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).status, 'eligible');
  // Withdrawing ends the consent: the receiver is shut out on the next request.
  await move(janC, jan, rid, 'withdrawn', 'Ik heb zelf werk gevonden');
  assert.equal(granted(jan, jobcenter, 'basic'), '0');
  assert.equal(granted(jan, jobcenter, 'plan'), '0');
  assert.equal((await mia.get(`/persons/${jan}`)).status, 404);
  assert.equal((await mia.get(`/persons/${jan}/referrals/${rid}`)).status, 404);
  // Reopening needs a note, and keeps the whole history.
  await move(daan, jan, rid, 'reopen', '', 422);
  await move(daan, jan, rid, 'reopen', 'Jan wil toch hulp');
  assert.equal(statusOf(rid), 'proposed');
  assert.equal(events(rid).length, 7);
  assert.match(events(rid).at(-1), /^withdrawn>proposed\|.*\|Jan wil toch hulp$/);
});

test('another open referral to the same organisation keeps what it holds', async () => {
  const daan = await signIn('daan'), mia = await signIn('mia'), janC = await signIn('jan');
  const a = await propose(daan, jan, { service: IPS });
  const b = await propose(daan, jan, { service: MENTOR });
  await accept(janC, jan, a);
  await accept(janC, jan, b);
  // b found basic granted by a: it did not grant it itself.
  assert.equal(sql(`SELECT granted_here FROM referral_consent WHERE referral_id=${q(b)} AND category='basic'`), '0');
  await move(janC, jan, b, 'withdrawn');
  assert.equal(granted(jan, jobcenter, 'basic'), '1');
  assert.equal((await mia.get(`/persons/${jan}`)).status, 200);
  await move(janC, jan, a, 'could_not_get_help', 'Te ver weg');
  assert.equal(granted(jan, jobcenter, 'basic'), '0');
  assert.equal((await mia.get(`/persons/${jan}`)).status, 404);
});

test('who may propose: the coordinator, a network member with the plan, the person; not family or a stranger', async () => {
  const henrik = await signIn('henrik'), metteC = await signIn('mette');
  const birgit = await signIn('birgit'), elseC = await signIn('else');
  const rid = await propose(henrik, mette, { service: 'demo-svc-gaeld', reason: 'Overblik over gælden' });
  assert.equal(sql(`SELECT proposed_by FROM referral WHERE id=${q(rid)}`), userId('henrik'));
  assert.equal(sql(`SELECT coalesce(to_org_id, '-') FROM referral WHERE id=${q(rid)}`), '-');
  const own = await propose(metteC, mette, { service: MENTOR });
  assert.equal(sql(`SELECT proposed_by FROM referral WHERE id=${q(own)}`), userId('mette'));
  // Family reads the plan but does not write it; a volunteer outside the network gets nothing.
  assert.equal((await birgit.get(`/persons/${mette}/referrals/new`)).status, 403);
  assert.equal((await elseC.get(`/persons/${mette}/referrals/new`)).status, 404);
  assert.equal((await elseC.get(`/persons/${mette}/referrals`)).status, 404);
  const res = await api(elseC, `/api/v1/persons/${mette}/referrals`, { service_id: MENTOR });
  assert.equal(res.status, 404);
  // Through the API, for the coordinator.
  const karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  const made = await api(karin, `/api/v1/persons/${mette}/referrals`, { service_id: IPS, reason: 'Job med støtte' });
  assert.equal(made.status, 201);
  const body = await made.json();
  assert.equal(body.status, 'proposed');
  assert.equal(body.fhir.service_request_status, 'draft');
  const list = await (await karin.get(`/api/v1/persons/${mette}/referrals`)).json();
  assert.ok(list.referrals.some((x) => x.id === body.id && x.history.length === 1));
  // The person's download holds their referrals with their history.
  const data = await (await metteC.get('/api/v1/me/data')).json();
  const mine = data.referrals.find((x) => x.id === own);
  assert.equal(mine.status, 'proposed');
  assert.equal(mine.history[0].to, 'proposed');
  assert.ok(data.referrals.some((x) => x.status === 'scheduled' && x.history.length >= 4));
});

test('bad input is refused with the input kept, and nothing written', async () => {
  const daan = await signIn('daan');
  const count = () => sql(`SELECT count(*) FROM referral WHERE person_id=${q(jan)}`);
  const before = count();
  await propose(daan, jan, {}, 422);
  await propose(daan, jan, { service: 'demo-svc-none' }, 422);
  let html = await (await daan.post(`/persons/${jan}/referrals/new`, { service: IPS, reason: 'x'.repeat(2001) })).text();
  assert.match(html, /x{2001}/);
  const otherGoal = sql(`SELECT id FROM goal WHERE person_id=${q(mette)} LIMIT 1`);
  await propose(daan, jan, { service: IPS, goal: otherGoal }, 422);
  await propose(daan, jan, { service: IPS, goal: 'not-an-id' }, 422);
  // Invalid UTF-8 in the reason.
  await page(daan, `/persons/${jan}/referrals/new`);
  const res = await daan.request('POST', `/persons/${jan}/referrals/new`, {
    body: `csrf=${daan.csrf}&service=${IPS}&reason=%C3%28`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 422);
  assert.equal(count(), before);
  // The API: empty body, wrong types, unknown service, someone else's goal.
  for (const [body, status] of [['', 400], ['{', 400], [{}, 422], [{ service_id: 7 }, 422],
    [{ service_id: 'demo-svc-none' }, 422], [{ service_id: IPS, goal_id: otherGoal }, 422],
    [{ service_id: IPS, reason: 'y'.repeat(2001) }, 422]]) {
    const r = await api(daan, `/api/v1/persons/${jan}/referrals`, body);
    assert.equal(r.status, status, JSON.stringify(body));
  }
  assert.equal(count(), before);
  // A note too long for a move.
  const rid = await propose(daan, jan, { service: MENTOR });
  html = await page(daan, `/persons/${jan}/referrals/${rid}`);
  const r2 = await daan.post(`/persons/${jan}/referrals/${rid}/status`, { status: 'withdrawn', note: 'n'.repeat(2001), version: versionOf(html) });
  assert.equal(r2.status, 422);
  assert.equal(statusOf(rid), 'proposed');
});

test('a goal\'s page lists the referrals for it and proposes one for it', async () => {
  const daan = await signIn('daan'), janC = await signIn('jan');
  const goals = sql(`SELECT id FROM goal WHERE person_id=${q(jan)} ORDER BY id`).split('\n');
  assert.ok(goals.length >= 2, 'Jan has two goals');
  const [g1, g2] = goals;
  const goalPage = (c, g) => page(c, `/persons/${jan}/plan/goals/${g}`);
  // The link on the goal's page opens the form with that goal chosen.
  const html = await goalPage(daan, g1);
  assert.match(html, new RegExp(`href="/persons/${jan}/referrals/new\\?goal=${g1}"`));
  const form = await page(daan, `/persons/${jan}/referrals/new?goal=${g1}`);
  assert.match(form, new RegExp(`<option value="${g1}" selected>`));
  // Another person's goal, a made-up one or bytes that are not UTF-8 choose nothing.
  const metteGoal = sql(`SELECT id FROM goal WHERE person_id=${q(mette)} LIMIT 1`);
  for (const bad of [metteGoal, 'not-a-goal', '%FF%FE', 'x'.repeat(300)]) {
    const res = await daan.get(`/persons/${jan}/referrals/new?goal=${bad}`);
    assert.ok([200, 400].includes(res.status), `?goal=${bad.slice(0, 20)}: ${res.status}`);
    const body = await res.text();
    if (res.status === 200) {
      const select = /<select id="f-goal"[\s\S]*?<\/select>/.exec(body)[0];
      assert.doesNotMatch(select, / selected>/, `?goal=${bad.slice(0, 20)} chooses no goal`);
    }
    assert.ok(!body.includes(metteGoal), 'nothing of the other person\'s goal');
  }
  const rid = await propose(daan, jan, { service: MENTOR, goal: g1, reason: 'Een mentor voor het werk' });
  const linked = (h) => h.includes(`/persons/${jan}/referrals/${rid}"`);
  assert.ok(linked(await goalPage(daan, g1)), 'the referral is on its goal\'s page');
  assert.ok(!linked(await goalPage(daan, g2)), 'and not on another goal\'s');
  // Jan sees it on his goal's page too, under his own words.
  const own = await goalPage(janC, g1);
  assert.ok(linked(own));
  assert.match(own, /My referrals/);
  await move(daan, jan, rid, 'withdrawn', 'Dubbel');
});

test("someone else's referral answers exactly like a missing one", async () => {
  const daan = await signIn('daan'), karin = await signIn('karin', 'Socialforvaltningen Østerbro');
  const metteRef = sql(`SELECT id FROM referral WHERE person_id=${q(mette)} LIMIT 1`);
  const missing = await daan.get(`/persons/${jan}/referrals/${UNKNOWN}`);
  // The same page but for the address it was asked at (the language links).
  const same = (html) => html.replace(/value="\/persons\/[^"]*"/g, '');
  const body = same(await missing.text());
  assert.equal(missing.status, 404);
  // Mette's referral under Jan's address, for Jan's coordinator.
  const other = await daan.get(`/persons/${jan}/referrals/${metteRef}`);
  assert.equal(other.status, 404);
  assert.equal(same(await other.text()), body);
  // Through the API: a referral of a person outside the actor's care.
  const a = await api(daan, `/api/v1/referrals/${metteRef}/status`, { status: 'withdrawn', version: 1 });
  const b = await api(daan, `/api/v1/referrals/${UNKNOWN}/status`, { status: 'withdrawn', version: 1 });
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  assert.deepEqual(await a.json(), await b.json());
  // The coordinator of the other person still finds it.
  assert.equal((await karin.get(`/persons/${mette}/referrals/${metteRef}`)).status, 200);
});

test('an unanswered referral is flagged on the day its answer is due (test clock)', async () => {
  const clock = join(srv.dir, 'now');
  writeFileSync(clock, '2027-03-01T09:00:00Z\n');
  const other = await startRosc({ db: srv.db, env: { ROSC_TEST_NOW: `file:${clock}` } });
  try {
    const c = (name, org) => client(other).signIn(name, undefined, org ? { orgName: org } : {});
    const daan = await c('daan'), janC = await c('jan');
    const rid = await propose(daan, jan, { service: MENTOR });
    let res;
    let html = await (await janC.get(`/persons/${jan}/referrals/${rid}/accept`)).text();
    res = await janC.post(`/persons/${jan}/referrals/${rid}/status`, { status: 'accepted', version: versionOf(html) });
    assert.equal(res.status, 303);
    // Only this referral waits for an answer (the demo has Jan's debt help waiting too).
    sql(`UPDATE referral SET answer_due_us = NULL WHERE person_id=${q(jan)} AND id <> ${q(rid)}`);
    const days = Number(sql(`SELECT response_days FROM service WHERE id=${q(MENTOR)}`));
    const at = (d) => new Date(Date.parse('2027-03-01T09:00:00Z') + d * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
    // Sessions end after an idle hour: sign in again on each day.
    const flagged = async () => {
      const daan = await c('daan');
      const list = await (await daan.get(`/api/v1/persons/${jan}/referrals`)).json();
      const x = list.referrals.find((y) => y.id === rid);
      const caseload = await (await daan.get('/persons')).text();
      const tasks = await (await daan.get('/me/tasks')).text();
      return [x.overdue, /No answer for/.test(await (await daan.get(`/persons/${jan}/referrals/${rid}`)).text()),
        /Referral to Mentor/.test(tasks), /referral-overdue/.test(caseload)];
    };
    writeFileSync(clock, `${at(days - 1)}\n`);
    assert.deepEqual(await flagged(), [false, false, false, false], 'the day before');
    writeFileSync(clock, `${at(days)}\n`);
    assert.deepEqual(await flagged(), [true, true, true, true], 'on the day');
  } finally {
    await other.stop({ keep: true });
  }
});

test('the receiving organisation, with the plan shared, sees on the plan only the referrals sent to it', async () => {
  const daan = await signIn('daan'), mia = await signIn('mia'), janC = await signIn('jan');
  // A goal in the plan's own category (not alcohol and drugs, which the referral does not share).
  const goal = sql(`SELECT id FROM goal WHERE person_id=${q(jan)} AND domain <> 'substance_use' ORDER BY id LIMIT 1`);
  const ours = await propose(daan, jan, { service: IPS, goal });
  await accept(janC, jan, ours);
  // A referral of Jan's to another service, for the same goal.
  const other = sql(`SELECT id FROM service WHERE id <> ${q(IPS)} AND id <> ${q(MENTOR)}
    AND status = 'active' AND coalesce((SELECT d.managed_by FROM dir_organization d WHERE d.id = service.organization_id), '') <> ${q(jobcenter)}
    ORDER BY id LIMIT 1`);
  const theirs = await propose(daan, jan, { service: other, goal });
  assert.equal(granted(jan, jobcenter, 'plan'), '1', 'the plan is shared with Jobcenter');
  const links = (html) => [...html.matchAll(new RegExp(`/persons/${jan}/referrals/([0-9a-f]{32})"`, 'g'))].map((m) => m[1]);
  // Jan's coordinator sees both, on the plan and on the goal's page.
  for (const path of [`/persons/${jan}/plan`, `/persons/${jan}/plan/goals/${goal}`]) {
    const seen = links(await page(daan, path));
    assert.ok(seen.includes(ours) && seen.includes(theirs), `daan on ${path}`);
  }
  // Jobcenter sees its own only.
  const before = Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(jan)} AND actor_id=${q(userId('mia'))} AND what='referral'`));
  for (const path of [`/persons/${jan}/plan`, `/persons/${jan}/plan/goals/${goal}`]) {
    const seen = links(await page(mia, path));
    assert.ok(seen.includes(ours), `mia sees her own on ${path}`);
    assert.ok(!seen.includes(theirs), `mia does not see the other on ${path}`);
  }
  assert.ok(Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(jan)} AND actor_id=${q(userId('mia'))} AND what='referral'`)) >= before + 2,
    'the referrals she was shown are in Jan\'s access log');
  await move(janC, jan, ours, 'withdrawn');
  await move(daan, jan, theirs, 'withdrawn');
});
