// Goals and steps in the person's words, and "my tasks", on the demo
// world: Mette Larsen's network (src/cmd/demo.c). The tests make their own
// goals through the pages, check the plan's history and the access log with
// sqlite3, and use dates relative to today.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, mette, jan;
const sql = (s) => {
  return srv.sql(s);
};
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const userId = (name) => sql(`SELECT id FROM user_account WHERE username=${q(name)}`);
const orgId = (name) => sql(`SELECT id FROM organisation WHERE name=${q(name)}`);
const memberId = (person, username) => sql(`SELECT m.id FROM network_member m JOIN user_account u
  ON u.id = m.user_id WHERE m.person_id=${q(person)} AND u.username=${q(username)} LIMIT 1`);
const count = (s) => Number(sql(s));
const goals = (person) => count(`SELECT count(*) FROM goal WHERE person_id=${q(person)}`);
const steps = (person) => count(`SELECT count(*) FROM step WHERE person_id=${q(person)}`);
const history = (item) => sql(`SELECT field || ':' || coalesce(after, '') FROM plan_history
  WHERE item_id=${q(item)} ORDER BY changed_us, field`).split('\n').filter(Boolean);
const logged = (person, username, where = '') => count(`SELECT count(*) FROM access_log
  WHERE person_id=${q(person)} AND actor_id=${q(userId(username))} ${where}`);
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const OSTERBRO = 'Socialforvaltningen Østerbro';

before(async () => {
  srv = await startRosc();
  // The pages' words are checked in English, whatever the demo users chose.
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  assert.match(mette, /^[0-9a-f]{32}$/, 'the demo has Mette Larsen');
});
after(async () => { await srv.stop(); });

/** Adds a goal as c; returns its id. */
async function addGoal(c, person, form) {
  await c.get(`/persons/${person}/plan/goals/new`);
  const res = await c.post(`/persons/${person}/plan/goals`, { lang: 'en', why: '', ...form });
  assert.equal(res.status, 303, `adding the goal "${form.title}"`);
  const m = new RegExp(`^/persons/${person}/plan/goals/([0-9a-f]{32})\\?saved=goal$`)
    .exec(res.headers.get('location'));
  assert.ok(m, res.headers.get('location'));
  return m[1];
}

/** Adds a step to a goal as c; returns its id. */
async function addStep(c, person, goal, form) {
  const res = await c.post(`/persons/${person}/plan/goals/${goal}/steps`, { due: '', ...form });
  assert.equal(res.status, 303, `adding the step "${form.step_title}"`);
  const m = /#step-([0-9a-f]{32})$/.exec(res.headers.get('location'));
  assert.ok(m, res.headers.get('location'));
  return m[1];
}

const stepVersion = (id) => sql(`SELECT version FROM step WHERE id=${q(id)}`);
const goalVersion = (id) => sql(`SELECT version FROM goal WHERE id=${q(id)}`);

/** The <li> of one step on a goal page. */
function stepItem(html, id) {
  const i = html.indexOf(`id="step-${id}"`);
  assert.ok(i >= 0, `step ${id} is on the page`);
  const j = html.indexOf('<li class="step', i + 10);
  return html.slice(i, j < 0 ? html.indexOf('</ol>', i) : j);
}

/** The page's main content (the header names the address and the session). */
const main = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** A POST body sent as it is (for %FF and %00), with the client's CSRF token. */
const rawPost = (c, path, body) =>
  c.request('POST', path, { body: `csrf=${encodeURIComponent(c.csrf)}&${body}`, headers: FORM });

test('Mette adds a goal with two steps, one hers and one for Peter, and marks hers done', async () => {
  const m = await client(srv).signIn('mette');
  const form = await (await m.get(`/persons/${mette}/plan/goals/new`)).text();
  assert.match(form, /<h1>A new goal<\/h1>/);
  assert.match(form, /<option value="substance_use">/, 'her own plan: every part of life');
  const goal = await addGoal(m, mette, {
    title: 'Gå en tur med Lone hver uge', domain: 'social_network',
    why: 'Jeg vil ikke være alene om søndagen.\nLone er god at tale med.', lang: 'da',
  });
  const mine = await addStep(m, mette, goal, { step_title: 'Ring til Lone', owner: 'person', due: day(3) });
  const peterStep = await addStep(m, mette, goal, {
    step_title: 'Find a walking group near Østerbro', owner: `member:${memberId(mette, 'peter')}`, due: day(-2),
  });
  let page = await (await m.get(`/persons/${mette}/plan/goals/${goal}?saved=step`)).text();
  assert.match(page, /<h1 id="goal-title" lang="da">Gå en tur med Lone hver uge<\/h1>/);
  assert.match(page, /<p class="own-words" lang="da">Jeg vil ikke være alene om søndagen.\nLone er god/);
  assert.match(page, /Friends and community/);
  assert.match(stepItem(page, mine), /Who does it: <strong>You<\/strong>/);
  const ps = stepItem(page, peterStep);
  assert.match(ps, /Who does it: <strong>Peter Sørensen<\/strong>/);
  assert.match(ps, /<strong class="overdue-mark">Overdue<\/strong>/, 'overdue in words');
  assert.doesNotMatch(stepItem(page, mine), /Overdue/);

  // One tap: "I did it".
  assert.match(stepItem(page, mine), /I did it: mark as done/);
  const res = await m.post(`/persons/${mette}/plan/goals/${goal}/steps/${mine}`, { status: 'reached', version: stepVersion(mine) });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), new RegExp(`\\?saved=done&step=${mine}#step-${mine}$`));
  page = await (await m.get(res.headers.get('location').replace(/#.*/, ''))).text();
  // The thank-you is in the step the page opens at, not at the top.
  assert.match(stepItem(page, mine), /<p class="notice" role="status">Well done: the step is marked as done\.<\/p>/);
  assert.equal((page.match(/Well done: the step is marked as done/g) || []).length, 1, 'said once');
  // A step id that is not this goal's (or any) puts it back at the top.
  const other = await (await m.get(`/persons/${mette}/plan/goals/${goal}?saved=done&step=00000000000000000000000000000000`)).text();
  assert.match(other, /<\/h1><p class="notice" role="status">Well done: the step is marked as done\.<\/p>/);
  assert.match(stepItem(page, mine), /<span class="status status-reached">Done<\/span>/);
  assert.equal(sql(`SELECT status FROM step WHERE id=${q(mine)}`), 'reached');

  // Every change is in the history, with who made it; the person's own
  // reading and writing are not in the access log.
  assert.deepEqual(history(goal), ['created:Gå en tur med Lone hver uge']);
  assert.deepEqual(history(mine), ['created:Ring til Lone', 'status:reached']);
  assert.deepEqual(history(peterStep), ['created:Find a walking group near Østerbro']);
  assert.equal(count(`SELECT count(*) FROM plan_history WHERE item_id IN (${q(goal)}, ${q(mine)})
    AND changed_by <> ${q(userId('mette'))}`), 0);
  assert.equal(logged(mette, 'mette'), 0);

  // Her own next steps: only open ones she does herself.
  const t = await (await m.get('/me/tasks')).text();
  assert.match(t, /Your next steps/);
  assert.doesNotMatch(t, /Ring til Lone/, 'done steps are not next steps');
  assert.doesNotMatch(t, /walking group/, 'Peter’s step is his');

  // The goal reached: celebrated, with its date, and still there.
  const g = await (await m.get(`/persons/${mette}/plan/goals/${goal}`)).text();
  const v = /name="version" value="(\d+)"><div class="field"><label for="f-title">/.exec(g);
  assert.ok(v, 'the goal form carries its version');
  const r2 = await m.post(`/persons/${mette}/plan/goals/${goal}`, {
    version: v[1], title: 'Gå en tur med Lone hver uge', domain: 'social_network', status: 'reached',
    why: 'Jeg vil ikke være alene om søndagen.', lang: 'da',
  });
  assert.equal(r2.status, 303);
  const reached = await (await m.get(`/persons/${mette}/plan/goals/${goal}`)).text();
  assert.match(reached, /<div class="celebrate"><p class="reached"><strong>Reached on <time datetime="[^"]+">[^<]+<\/time><\/strong><\/p><p>You did this\./);
  assert.deepEqual(history(goal), ['created:Gå en tur med Lone hver uge', 'status:reached',
    'why:Jeg vil ikke være alene om søndagen.']);
  assert.notEqual(sql(`SELECT reached_us FROM goal WHERE id=${q(goal)}`), '');
});

test('Peter sees the steps given to him in "my tasks", soonest first, overdue ones marked', async () => {
  const m = await client(srv).signIn('mette');
  const peterMember = `member:${memberId(mette, 'peter')}`;
  const goal = await addGoal(m, mette, { title: 'Sleep better', domain: 'physical_health' });
  const later = await addStep(m, mette, goal, { step_title: 'Task later', owner: peterMember, due: day(10) });
  const noDate = await addStep(m, mette, goal, { step_title: 'Task without a date', owner: peterMember });
  const soon = await addStep(m, mette, goal, { step_title: 'Task overdue', owner: peterMember, due: day(-1) });
  const soon2 = await addStep(m, mette, goal, { step_title: 'Task tomorrow', owner: peterMember, due: day(1) });
  const hers = await addStep(m, mette, goal, { step_title: 'Her own task', owner: 'person', due: day(0) });
  const karins = await addStep(m, mette, goal, { step_title: 'Karin’s task', owner: `member:${memberId(mette, 'karin')}` });
  const done = await addStep(m, mette, goal, { step_title: 'Task already done', owner: peterMember, due: day(-5) });
  await m.get(`/persons/${mette}/plan/goals/${goal}`);
  assert.equal((await m.post(`/persons/${mette}/plan/goals/${goal}/steps/${done}`, { status: 'reached', version: stepVersion(done) })).status, 303);

  const p = await client(srv).signIn('peter');
  const res = await p.get('/me/tasks');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h1>My tasks<\/h1>/);
  const order = [...html.matchAll(/#step-([0-9a-f]{32})">([^<]+)<\/a>/g)].map((x) => x[1]);
  const mine = [soon, soon2, later, noDate];
  assert.deepEqual(order.filter((id) => mine.includes(id)), mine, 'soonest first, no date last');
  assert.ok(!order.includes(hers) && !order.includes(karins), 'only his own');
  assert.ok(!order.includes(done), 'done steps are not tasks');
  const item = (id) => html.slice(html.indexOf(`#step-${id}`), html.indexOf('</li></ul></li>', html.indexOf(`#step-${id}`)));
  assert.match(item(soon), /<strong class="overdue-mark">Overdue<\/strong>/);
  assert.doesNotMatch(item(soon2), /Overdue/);
  assert.match(item(soon), /For: <strong>Mette<\/strong>|For: <strong>Mette Larsen<\/strong>/);
  assert.match(item(soon), /Towards the goal: Sleep better/);
  assert.match(html, new RegExp(`href="/persons/${mette}/plan/goals/${goal}#step-${soon}"`));
  // The list is in the access log, once for the person and the day.
  assert.equal(logged(mette, 'peter', "AND what='plan' AND action='list' AND why='duty'"), 1);
  await p.get('/me/tasks');
  assert.equal(logged(mette, 'peter', "AND action='list'"), 1);

  // He opens the goal from there: a read, logged.
  const g = await p.get(`/persons/${mette}/plan/goals/${goal}`);
  assert.equal(g.status, 200);
  assert.ok(logged(mette, 'peter', "AND what='plan' AND action='read' AND why='duty'") >= 1);

  // Karin (Østerbro, with consent for the plan) sees hers.
  const k = await client(srv).signIn('karin', undefined, { orgName: OSTERBRO });
  const kt = await (await k.get('/me/tasks')).text();
  assert.match(kt, /Karin’s task/);
  assert.doesNotMatch(kt, /Task overdue/);
  assert.equal(logged(mette, 'karin', "AND what='plan' AND action='list' AND why='consent'"), 1);
});

test('a step for someone outside the network is refused at the field, nothing saved', async () => {
  const m = await client(srv).signIn('mette');
  const goal = await addGoal(m, mette, { title: 'Get my papers in order', domain: 'practical_legal' });
  await m.get(`/persons/${mette}/plan/goals/${goal}`);
  const before = steps(mette), hist = count('SELECT count(*) FROM plan_history');
  const daan = sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
    WHERE u.username = 'daan' LIMIT 1`);
  for (const owner of [
    `member:${memberId(mette, 'mia')}`,            // her place ended
    `member:${daan}`,                               // in Jan's network, not hers
    'member:0123456789abcdef0123456789abcdef',      // nobody
    `organisation:${orgId('Lægehuset Vesterbro') || '0123456789abcdef0123456789abcdef'}`,
    `organisation:${orgId('Jobcenter Amager')}`,    // only a past member
    'everyone', '',
  ]) {
    const res = await m.post(`/persons/${mette}/plan/goals/${goal}/steps`, { step_title: 'Sign the form', owner, due: day(5) });
    assert.equal(res.status, 422, owner);
    const html = await res.text();
    assert.match(html, /<div class="field has-error"><label for="ns-owner">Who does it<\/label><p class="field-error" id="ns-owner-error">/);
    if (owner) assert.match(html, /not in the network now/);
    assert.match(html, /id="ns-step_title" name="step_title" type="text" autocomplete="off" value="Sign the form"/, 'input kept');
    assert.match(html, new RegExp(`value="${day(5)}"`));
  }
  assert.equal(steps(mette), before);
  assert.equal(count('SELECT count(*) FROM plan_history'), hist);
  // The choices are the person, the network now, and their organisations.
  const page = await (await m.get(`/persons/${mette}/plan/goals/${goal}`)).text();
  const owners = page.slice(page.indexOf('id="ns-owner"'), page.indexOf('</select>', page.indexOf('id="ns-owner"')));
  assert.match(owners, new RegExp(`value="member:${memberId(mette, 'henrik')}"`));
  assert.match(owners, new RegExp(`value="organisation:${orgId('Boligselskabet Havnely')}"`));
  assert.doesNotMatch(owners, new RegExp(memberId(mette, 'mia')));
  assert.doesNotMatch(owners, /Jobcenter/);
  // An organisation in the network is fine.
  await addStep(m, mette, goal, { step_title: 'Send the letter', owner: `organisation:${orgId('Boligselskabet Havnely')}` });
});

test('bad goal and step input: 422 with the input kept, nothing saved', async () => {
  const m = await client(srv).signIn('mette');
  await m.get(`/persons/${mette}/plan/goals/new`);
  const g0 = goals(mette), h0 = count('SELECT count(*) FROM plan_history');
  const base = { domain: 'housing', lang: 'en', why: 'A place of my own' };
  let res = await m.post(`/persons/${mette}/plan/goals`, { ...base, title: '   ' });
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /<p class="field-error" id="f-title-error">Please fill this in\.<\/p>/);
  assert.match(html, /A place of my own<\/textarea>/, 'the other fields are kept');
  assert.match(html, /<option value="housing" selected>/);

  const big = 'x'.repeat(100 * 1024);
  res = await m.post(`/persons/${mette}/plan/goals`, { ...base, title: big });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /id="f-title-error">This is too long/);
  assert.ok(html.includes(`value="${big}"`), 'the long title is kept');
  res = await m.post(`/persons/${mette}/plan/goals`, { ...base, title: 'A home', why: big });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-why-error">This is too long/);

  res = await rawPost(m, `/persons/${mette}/plan/goals`, 'title=A%FFhome&domain=housing&lang=en&why=');
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /id="f-title-error">This contains characters/);
  assert.match(html, /value="A\uFFFDhome"/, 'kept, cleaned');
  res = await rawPost(m, `/persons/${mette}/plan/goals`, 'title=A%00home&domain=housing&lang=en&why=');
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-title-error">This contains characters/);
  res = await m.post(`/persons/${mette}/plan/goals`, { ...base, title: 'A home', domain: 'moon' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-domain-error">Please choose one of the options/);
  res = await m.post(`/persons/${mette}/plan/goals`, { ...base, title: 'A home', lang: 'xx' });
  assert.equal(res.status, 422);
  assert.equal(goals(mette), g0, 'no goal added');

  // Steps: empty, too long, bad bytes, dates that are not dates.
  const goal = await addGoal(m, mette, { title: 'A home of my own', domain: 'housing' });
  await m.get(`/persons/${mette}/plan/goals/${goal}`);
  const s0 = steps(mette), h1 = count('SELECT count(*) FROM plan_history');
  assert.equal(h1, h0 + 1);
  const path = `/persons/${mette}/plan/goals/${goal}/steps`;
  for (const [form, field, text] of [
    [{ step_title: '', owner: 'person' }, 'step_title', 'Please fill this in'],
    [{ step_title: big, owner: 'person' }, 'step_title', 'This is too long'],
    [{ step_title: 'Visit', owner: 'person', due: '2026-02-30' }, 'due', 'Please give a real date'],
    [{ step_title: 'Visit', owner: 'person', due: 'tomorrow' }, 'due', 'Please give a real date'],
    [{ step_title: 'Visit', owner: 'person', due: big }, 'due', 'This is too long'],
  ]) {
    res = await m.post(path, { due: '', ...form });
    assert.equal(res.status, 422, JSON.stringify(form).slice(0, 60));
    html = await res.text();
    assert.match(html, new RegExp(`id="ns-${field}-error">${text}`));
    if (form.due && form.due.length < 20) assert.ok(html.includes(`value="${form.due}"`), 'the date is kept');
  }
  res = await rawPost(m, path, 'step_title=Vi%FFsit&owner=person&due=');
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="ns-step_title-error">This contains characters/);
  res = await rawPost(m, path, 'step_title=Visit&owner=person&due=2026-03-01%00');
  assert.equal(res.status, 422);
  assert.equal(steps(mette), s0, 'no step added');
  assert.equal(count('SELECT count(*) FROM plan_history'), h1, 'no history either');

  // A step's change with a bad status or date: refused, the step unchanged.
  const st = await addStep(m, mette, goal, { step_title: 'Call the housing office', owner: 'person' });
  await m.get(`/persons/${mette}/plan/goals/${goal}`);
  res = await m.post(`${path}/${st}`, { version: stepVersion(st), step_title: 'Call them', owner: 'person', due: '2026-13-01', status: 'in_progress' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, new RegExp(`id="st-${st}-due-error">Please give a real date`));
  assert.match(html, new RegExp(`<details class="step-change" open>`));
  assert.match(html, /value="Call them"/);
  res = await m.post(`${path}/${st}`, { version: stepVersion(st), status: 'finished' });
  assert.equal(res.status, 422);
  assert.equal(sql(`SELECT title || '|' || status || '|' || version FROM step WHERE id=${q(st)}`), 'Call the housing office|not_started|1');
});

test('another person’s goal or step, or an unknown one, is 404', async () => {
  const j = await client(srv).signIn('jan');
  const janGoal = await addGoal(j, jan, { title: 'Weer fietsen', domain: 'physical_health', lang: 'nl' });
  const janStep = await addStep(j, jan, janGoal, { step_title: 'Fiets laten maken', owner: 'person' });

  const m = await client(srv).signIn('mette');
  const metteGoal = await addGoal(m, mette, { title: 'Cook on Sundays', domain: 'physical_health' });
  const metteStep = await addStep(m, mette, metteGoal, { step_title: 'Buy a pot', owner: 'person' });
  const unknown = await (await m.get(`/persons/${mette}/plan/goals/0123456789abcdef0123456789abcdef`));
  const u404 = await unknown.text();
  assert.equal(unknown.status, 404);
  for (const [who, c] of [['mette', m], ['peter', await client(srv).signIn('peter')]]) {
    let res = await c.get(`/persons/${mette}/plan/goals/${janGoal}`);
    assert.equal(res.status, 404, `${who}: Jan's goal under Mette`);
    assert.equal(main(await res.text()), main(u404), 'the same as unknown');
    res = await c.get(`/persons/${mette}/plan/goals/not-an-id`);
    assert.equal(res.status, 404);
    await c.get(`/persons/${mette}/plan/goals/${metteGoal}`);
    res = await c.post(`/persons/${mette}/plan/goals/${janGoal}`, { version: '1', title: 'x', domain: 'housing', status: 'in_progress', lang: 'en', why: '' });
    assert.equal(res.status, 404);
    res = await c.post(`/persons/${mette}/plan/goals/${janGoal}/steps`, { step_title: 'x', owner: 'person', due: '' });
    assert.equal(res.status, 404);
    res = await c.post(`/persons/${mette}/plan/goals/${metteGoal}/steps/${janStep}`, { version: '1', status: 'reached' });
    assert.equal(res.status, 404, `${who}: Jan's step under Mette's goal`);
    // A step of another goal of the same person is not this goal's.
    const other = await addGoal(m, mette, { title: `Another goal (${who})`, domain: 'housing' });
    res = await c.post(`/persons/${mette}/plan/goals/${other}/steps/${metteStep}`, { version: '1', status: 'reached' });
    assert.equal(res.status, 404);
  }
  // Mette is not in Jan's network: his plan is not there for her.
  assert.equal((await m.get(`/persons/${jan}/plan/goals/${janGoal}`)).status, 404);
  assert.equal((await m.post(`/persons/${jan}/plan/goals/${janGoal}/steps/${janStep}`, { version: '1', status: 'reached' })).status, 404);
  assert.equal(sql(`SELECT title || '|' || version FROM goal WHERE id=${q(janGoal)}`), 'Weer fietsen|1');
  assert.equal(sql(`SELECT status FROM step WHERE id=${q(janStep)}`), 'not_started');
  assert.equal(sql(`SELECT status FROM step WHERE id=${q(metteStep)}`), 'not_started');
});

test('two people change a goal at once: the second is told, both texts shown, nothing lost', async () => {
  const m = await client(srv).signIn('mette');
  const goal = await addGoal(m, mette, { title: 'Work in a garden', domain: 'work_education', why: 'I like to be outside.' });
  const p = await client(srv).signIn('peter');
  const formOf = async (c) => {
    const html = await (await c.get(`/persons/${mette}/plan/goals/${goal}`)).text();
    return /name="version" value="(\d+)"><div class="field"><label for="f-title">/.exec(html)[1];
  };
  const vm = await formOf(m), vp = await formOf(p);
  assert.equal(vm, vp);
  let res = await p.post(`/persons/${mette}/plan/goals/${goal}`, {
    version: vp, title: 'Work in a garden, three days a week', domain: 'work_education',
    status: 'in_progress', why: 'I like to be outside.', lang: 'en',
  });
  assert.equal(res.status, 303);
  res = await m.post(`/persons/${mette}/plan/goals/${goal}`, {
    version: vm, title: 'Work in the city garden', domain: 'work_education',
    status: 'not_started', why: 'Outside, with my hands.', lang: 'en',
  });
  assert.equal(res.status, 409);
  const html = await res.text();
  assert.match(html, /Someone else changed this while you were writing/);
  assert.match(html, /<td class="own-words" lang="en">Work in a garden, three days a week<\/td><td class="own-words" lang="en">Work in the city garden<\/td>/, 'both texts');
  assert.match(html, /<td class="own-words" lang="en">I like to be outside\.<\/td><td class="own-words" lang="en">Outside, with my hands\.<\/td>/);
  assert.match(html, /value="Work in the city garden"/, 'hers is kept in the form');
  assert.match(html, />\nOutside, with my hands\.<\/textarea>/);
  assert.match(html, /<details id="change-goal" open>/);
  const v2 = goalVersion(goal);
  assert.match(html, new RegExp(`name="version" value="${v2}"><div class="field"><label for="f-title">`), 'the form now names the saved version');
  assert.equal(sql(`SELECT title FROM goal WHERE id=${q(goal)}`), 'Work in a garden, three days a week', 'his is saved');
  // She saves again, knowingly: hers now.
  res = await m.post(`/persons/${mette}/plan/goals/${goal}`, {
    version: v2, title: 'Work in the city garden', domain: 'work_education',
    status: 'in_progress', why: 'Outside, with my hands.', lang: 'en',
  });
  assert.equal(res.status, 303);
  assert.deepEqual(history(goal), ['created:Work in a garden',
    'status:in_progress', 'title:Work in a garden, three days a week',
    'title:Work in the city garden', 'why:Outside, with my hands.']);
  assert.equal(count(`SELECT count(*) FROM plan_history WHERE item_id=${q(goal)} AND changed_by=${q(userId('peter'))}`), 2);
  assert.ok(logged(mette, 'peter', "AND what='plan' AND action='write' AND why='duty'") >= 1);
  // The person sees who changed it last.
  const page = await (await m.get(`/persons/${mette}/plan/goals/${goal}`)).text();
  assert.match(page, /Last changed on [^<]+ by Mette Larsen/);

  // A step too.
  const st = await addStep(m, mette, goal, { step_title: 'Ask at the city garden', owner: 'person' });
  await p.get(`/persons/${mette}/plan/goals/${goal}`);
  assert.equal((await p.post(`/persons/${mette}/plan/goals/${goal}/steps/${st}`, {
    version: '1', step_title: 'Ask at the city garden on Monday', owner: 'person', due: day(4), status: 'in_progress',
  })).status, 303);
  res = await m.post(`/persons/${mette}/plan/goals/${goal}/steps/${st}`, { version: '1', status: 'reached' });
  assert.equal(res.status, 409);
  const sh = await res.text();
  assert.match(sh, /Someone else changed this step while you were writing/);
  // She changed only the status: that is where the two differ; his new
  // title stays, and her "done" is kept in the form.
  assert.match(sh, /<tbody><tr><th scope="row">Status<\/th><td class="own-words">In progress<\/td><td class="own-words">Done<\/td><\/tr><\/tbody>/);
  assert.match(sh, /<details class="step-change" open>/);
  assert.match(sh, /value="Ask at the city garden on Monday"/);
  assert.match(sh, /<option value="reached" selected>Done<\/option>/);
  assert.match(sh, new RegExp(`<input type="hidden" name="version" value="2"><div class="field"><label for="st-${st}-step_title">`));
  assert.equal(sql(`SELECT status || '|' || version FROM step WHERE id=${q(st)}`), 'in_progress|2');
  assert.deepEqual(history(st), ['created:Ask at the city garden', `due_date:${day(4)}`,
    'status:in_progress', 'title:Ask at the city garden on Monday']);
});

test('without consent for alcohol and drugs, Henrik sees neither that goal nor its steps', async () => {
  const m = await client(srv).signIn('mette');
  const henrikMember = `member:${memberId(mette, 'henrik')}`;
  const sub = await addGoal(m, mette, { title: 'Drink less on weekends', domain: 'substance_use', why: 'For my daughter' });
  const subStep = await addStep(m, mette, sub, { step_title: 'Tell Henrik about the weekend plan', owner: henrikMember, due: day(2) });
  const house = await addGoal(m, mette, { title: 'Fix the kitchen sink', domain: 'housing' });
  const houseStep = await addStep(m, mette, house, { step_title: 'Send a plumber', owner: henrikMember, due: day(3) });

  const h = await client(srv).signIn('henrik');
  const before = logged(mette, 'henrik', "AND what='substance'");
  let res = await h.get(`/persons/${mette}/plan/goals/${sub}`);
  assert.equal(res.status, 403);
  const denied = await res.text();
  assert.doesNotMatch(denied, /Drink less|daughter|weekend plan/);
  assert.match(denied, /Not shared with you/);
  res = await h.get(`/persons/${mette}/plan/goals/${house}`);
  assert.equal(res.status, 200, 'the rest of the plan he may see');
  const hp = await res.text();
  assert.match(hp, /Fix the kitchen sink/);
  assert.match(hp, /Change this goal/, 'Havnely co-writes with consent');
  assert.doesNotMatch(hp, /value="substance_use"/, 'he is not offered that part of life');
  // Nor may he change it, add steps to it, or move a goal there.
  res = await h.post(`/persons/${mette}/plan/goals/${sub}/steps/${subStep}`, { version: '1', status: 'reached' });
  assert.equal(res.status, 403);
  res = await h.post(`/persons/${mette}/plan/goals/${sub}/steps`, { step_title: 'x', owner: 'person', due: '' });
  assert.equal(res.status, 403);
  res = await h.post(`/persons/${mette}/plan/goals`, { title: 'Drink less', domain: 'substance_use', lang: 'en', why: '' });
  assert.equal(res.status, 422);
  res = await h.post(`/persons/${mette}/plan/goals/${house}`, {
    version: goalVersion(house), title: 'Fix the kitchen sink', domain: 'substance_use', status: 'in_progress', lang: 'en', why: '',
  });
  assert.equal(res.status, 422);
  assert.equal(sql(`SELECT domain || '|' || version FROM goal WHERE id=${q(house)}`), 'housing|1');

  const t = await (await h.get('/me/tasks')).text();
  assert.match(t, /Send a plumber/);
  assert.doesNotMatch(t, /weekend plan|Drink less/);
  assert.ok(!t.includes(subStep));
  assert.equal(logged(mette, 'henrik', "AND what='substance'"), before, 'nothing about it was read');
  assert.equal(sql(`SELECT status FROM step WHERE id=${q(subStep)}`), 'not_started');

  // Someone never in her network: the same 404 as for nothing at all.
  const l = await client(srv).signIn('lars');
  assert.equal((await l.get(`/persons/${mette}/plan/goals/${sub}`)).status, 404);
  assert.equal((await l.get(`/persons/${mette}/plan/goals/${house}`)).status, 404);
  // Peter (duty) sees it, and his reading is logged for both categories.
  const p = await client(srv).signIn('peter');
  res = await p.get(`/persons/${mette}/plan/goals/${sub}`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Drink less on weekends/);
  assert.ok(logged(mette, 'peter', "AND what='substance' AND action='read' AND why='duty'") >= 1);
  assert.ok(houseStep);
});

test('family reads the plan but does not change it; the goal page shows progress notes', async () => {
  const m = await client(srv).signIn('mette');
  const goal = await addGoal(m, mette, { title: 'See my daughter every month', domain: 'family' });
  await addStep(m, mette, goal, { step_title: 'Write to her', owner: `member:${memberId(mette, 'birgit')}` });
  const b = await client(srv).signIn('birgit');
  let res = await b.get(`/persons/${mette}/plan/goals/${goal}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /See my daughter every month/);
  assert.doesNotMatch(html, /Change this goal|Add a step|Mark as done/);
  assert.ok(logged(mette, 'birgit', "AND what='plan' AND action='read' AND why='consent'") >= 1);
  res = await b.post(`/persons/${mette}/plan/goals/${goal}`, { version: '1', title: 'x', domain: 'family', status: 'reached', lang: 'en', why: '' });
  assert.equal(res.status, 403);
  res = await b.post(`/persons/${mette}/plan/goals`, { title: 'x', domain: 'family', lang: 'en', why: '' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT title FROM goal WHERE id=${q(goal)}`), 'See my daughter every month');
  // Her step shows in her tasks.
  assert.match(await (await b.get('/me/tasks')).text(), /Write to her/);
  // Progress notes: the forms go to the plan's comments, and the notes
  // show on the goal page, on the goal and on its steps, in their language.
  const own = await (await m.get(`/persons/${mette}/plan/goals/${goal}`)).text();
  assert.match(own, new RegExp(`<form method="post" action="/persons/${mette}/plan/comments" novalidate><input type="hidden" name="csrf" value="[^"]+"><input type="hidden" name="item_kind" value="goal"><input type="hidden" name="item_id" value="${goal}">`));
  const step = /id="step-([0-9a-f]{32})"/.exec(own)[1];
  res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'goal', item_id: goal, body: 'Vi så hinanden i søndags.', lang: 'da' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/goals/${goal}`);
  res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'step', item_id: step, body: 'Birgit wrote the first letter.', lang: 'en' });
  assert.equal(res.status, 303);
  const seen = await (await b.get(`/persons/${mette}/plan/goals/${goal}`)).text();
  assert.match(seen, /<p class="own-words" lang="da">Vi så hinanden i søndags\.<\/p>/);
  assert.match(stepItem(seen, step), /<p class="own-words" lang="en">Birgit wrote the first letter\.<\/p>/);
  assert.match(seen, /Mette Larsen · <time/);
});
