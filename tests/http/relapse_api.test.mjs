// The relapse-prevention plan and crisis contacts (/persons/{id}/plan/relapse),
// the people to call on the person's home page (/me), the plan as JSON
// (/api/v1/persons/{id}/plan) and the plan in the person's download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, client } from '../lib/rosc.mjs';

let srv;
before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
});
after(async () => { await srv.stop(); });

function sql(q) {
  return srv.sql(q);
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const userId = (u) => sql(`SELECT id FROM user_account WHERE username = ${q(u)}`);
const personOf = (u) => sql(`SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = ${q(u)}`);
const main = (html) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)[1];
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textarea = (html, name) => {
  const m = new RegExp(`<textarea id="f-${name}" name="${name}"[^>]*>\\n?([\\s\\S]*?)</textarea>`).exec(html);
  return m ? unescape(m[1]) : null;
};
const hidden = (html, name) => (new RegExp(`name="${name}" value="([^"]*)"`).exec(html) || [])[1];
const relapseState = (person) => sql(`SELECT version || '|' || coalesce(what_helps, '') || '|' || coalesce(triggers, '') FROM relapse_plan WHERE person_id = ${q(person)}`);
const contactsState = (person) => sql(`SELECT name || '|' || phone || '|' || coalesce(note, '') FROM crisis_contact WHERE person_id = ${q(person)} ORDER BY position`);
const accessRows = (person, user) => sql(`SELECT what || ' ' || action FROM access_log WHERE person_id = ${q(person)} AND actor_id = ${q(userId(user))} ORDER BY at_us, what`);

async function signedIn(user, opts) {
  return client(srv).signIn(user, undefined, opts);
}

/** The fields of the relapse plan's form, from a page that shows it. */
function planForm(html, changes = {}) {
  const form = { version: hidden(html, 'version'), text_lang: 'da' };
  for (const f of ['what_helps', 'people_to_call', 'triggers', 'warning_signs', 'if_i_lapse']) form[f] = textarea(html, f);
  return { ...form, ...changes };
}

test('the person reads her plan for hard days in her own words, and edits it', async () => {
  const mette = personOf('mette');
  const c = await signedIn('mette');
  let res = await c.get(`/persons/${mette}/plan/relapse`);
  assert.equal(res.status, 200);
  let page = main(await res.text());
  assert.match(page, /<h1>My plan for hard days<\/h1>/);
  assert.match(page, /<div class="own-words" lang="da"><p>At gå en tur langs søerne/, 'her words, in their language');
  // Strengths first: what helps comes before the triggers.
  assert.ok(page.indexOf('What helps me') < page.indexOf('My triggers'));
  assert.match(page, /<a href="tel:\+4522334455" class="button call">Call Jonas \(sponsor\)/);
  assert.match(page, /<a href="tel:112" class="button call">Call Akut: 112/, 'an emergency number is dialled as it is');
  assert.match(page, /href="\/persons\/[0-9a-f]{32}\/plan\/relapse\?edit=plan#plan">Change my plan/);

  res = await c.get(`/persons/${mette}/plan/relapse?edit=plan`);
  page = await res.text();
  const form = planForm(page);
  assert.equal(form.version, sql(`SELECT version FROM relapse_plan WHERE person_id = ${q(mette)}`));
  assert.match(form.what_helps, /^At gå en tur/);
  const historyBefore = Number(sql(`SELECT count(*) FROM plan_history WHERE person_id = ${q(mette)} AND item_kind = 'relapse'`));
  res = await c.post(`/persons/${mette}/plan/relapse`, { ...form, what_helps: 'Svømning om morgenen.\n\nAt ringe til Jonas.' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/relapse?saved=1`);
  page = main(await (await c.get(`/persons/${mette}/plan/relapse?saved=1`)).text());
  assert.match(page, /role="status">The plan is saved\./);
  assert.match(page, /<div class="own-words" lang="da"><p>Svømning om morgenen\.<\/p><p>At ringe til Jonas\.<\/p><\/div>/);
  // One history row for the one changed field, by her; her own reading is not logged.
  assert.equal(Number(sql(`SELECT count(*) FROM plan_history WHERE person_id = ${q(mette)} AND item_kind = 'relapse'`)), historyBefore + 1);
  assert.equal(sql(`SELECT field || '|' || changed_by FROM plan_history WHERE person_id = ${q(mette)} AND item_kind = 'relapse' ORDER BY changed_us DESC LIMIT 1`),
    `what_helps|${userId('mette')}`);
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE actor_id = ${q(userId('mette'))}`), '0');
  // Browsers send a textarea's line breaks as CRLF: an unchanged text stays
  // unchanged (no new version in the history), and is stored with LF.
  const again = planForm(await (await c.get(`/persons/${mette}/plan/relapse?edit=plan`)).text());
  const crlf = Object.fromEntries(Object.entries(again).map(([k, v]) => [k, v.replace(/\n/g, '\r\n')]));
  const rowsBefore = sql(`SELECT count(*) FROM plan_history WHERE person_id = ${q(mette)}`);
  assert.equal((await c.post(`/persons/${mette}/plan/relapse`, crlf)).status, 303);
  assert.equal(sql(`SELECT count(*) FROM plan_history WHERE person_id = ${q(mette)}`), rowsBefore);
  assert.equal(sql(`SELECT count(*) FROM relapse_plan WHERE person_id = ${q(mette)} AND (what_helps || people_to_call || triggers) LIKE '%\r%'`), '0');
});

test('two people save the same plan: the second is told, sees both texts, and loses nothing', async () => {
  const mette = personOf('mette');
  const her = await signedIn('mette');
  const peter = await signedIn('peter');
  const mine = planForm(await (await her.get(`/persons/${mette}/plan/relapse?edit=plan`)).text());
  const his = planForm(await (await peter.get(`/persons/${mette}/plan/relapse?edit=plan`)).text());
  assert.equal(mine.version, his.version);

  let res = await peter.post(`/persons/${mette}/plan/relapse`, { ...his, triggers: 'Fredag aften (skrevet med Peter).' });
  assert.equal(res.status, 303);
  const saved = relapseState(mette);
  assert.match(saved, /Fredag aften \(skrevet med Peter\)/);

  res = await her.post(`/persons/${mette}/plan/relapse`, { ...mine, triggers: 'Lønningsdag <og> fester.' });
  assert.equal(res.status, 409);
  const page = await res.text();
  assert.match(page, /Someone else changed this while you were writing/);
  const compare = /<section class="compare"[\s\S]*?<\/section>/.exec(page)[0];
  assert.match(compare, /<h3 id="c-triggers">My triggers<\/h3>/);
  assert.match(compare, /Fredag aften \(skrevet med Peter\)\./, 'theirs, saved now');
  assert.match(compare, /Lønningsdag &lt;og&gt; fester\./, 'hers, escaped');
  assert.equal(textarea(page, 'triggers'), 'Lønningsdag <og> fester.', 'her text stays in the form');
  assert.equal(relapseState(mette), saved, 'nothing of hers saved over his');
  // Saving again overwrites what is saved now, knowingly.
  assert.equal(hidden(page, 'version'), saved.split('|')[0]);
  res = await her.post(`/persons/${mette}/plan/relapse`, planForm(page));
  assert.equal(res.status, 303);
  assert.match(relapseState(mette), /Lønningsdag <og> fester\./);
  // Both changes are in the history, each by its author and organisation.
  const rows = sql(`SELECT h.after || '|' || u.username || '|' || coalesce(h.changed_org_id, '-') FROM plan_history h
    JOIN user_account u ON u.id = h.changed_by WHERE h.person_id = ${q(mette)} AND h.field = 'triggers' ORDER BY h.changed_us DESC LIMIT 2`).split('\n');
  assert.match(rows[0], /^Lønningsdag <og> fester\.\|mette\|-$/);
  assert.match(rows[1], /^Fredag aften \(skrevet med Peter\)\.\|peter\|[0-9a-f]{32}$/);
  // The relapse-prevention plan is substance-use details, and logged so.
  assert.ok(accessRows(mette, 'peter').includes('substance write'), 'his edit is in her access log');
});

test('bad input to the plan: 422 at the field, input kept, nothing saved', async () => {
  const mette = personOf('mette');
  const c = await signedIn('mette');
  const form = planForm(await (await c.get(`/persons/${mette}/plan/relapse?edit=plan`)).text());
  const before = relapseState(mette);
  let res = await c.post(`/persons/${mette}/plan/relapse`, { ...form, what_helps: 'x'.repeat(4001), if_i_lapse: 'Ring til mig.' });
  assert.equal(res.status, 422);
  let page = await res.text();
  assert.match(page, /<a href="#f-what_helps">This is too long/);
  assert.match(page, /aria-describedby="h-what_helps e-what_helps" aria-invalid="true"/);
  assert.equal(textarea(page, 'what_helps').length, 4001);
  assert.equal(textarea(page, 'if_i_lapse'), 'Ring til mig.');
  res = await c.post(`/persons/${mette}/plan/relapse`, { ...form, text_lang: 'xx' });
  assert.equal(res.status, 422);
  res = await c.post(`/persons/${mette}/plan/relapse`, { ...form, version: 'one' });
  assert.equal(res.status, 400);
  assert.equal(relapseState(mette), before);
  // Exactly the limit is fine.
  res = await c.post(`/persons/${mette}/plan/relapse`, { ...form, what_helps: 'æ'.repeat(4000) });
  assert.equal(res.status, 303);
});

test('who may change the plan: duty and consent co-write, family reads, others are refused', async () => {
  const mette = personOf('mette');
  // Peter (duty) co-writes it all.
  const peter = await signedIn('peter');
  let page = main(await (await peter.get(`/persons/${mette}/plan/relapse`)).text());
  assert.match(page, /Plan for hard days: Mette/);
  assert.match(page, /Change the plan/);
  assert.match(page, /fester/);
  // Henrik (housing) has her plan but not her alcohol and drug details:
  // the crisis contacts she shares, and nothing of her triggers, anywhere.
  const henrik = await signedIn('henrik');
  page = main(await (await henrik.get(`/persons/${mette}/plan/relapse`)).text());
  assert.match(page, /Plan for hard days: Mette/);
  assert.match(page, /which the person has not shared with you/);
  assert.match(page, /Change the list/);
  assert.doesNotMatch(page, /Change the plan|Fredag aften|fester|min sponsor/);
  for (const path of ['plan/print', 'plan/history', 'plan']) {
    const other = main(await (await henrik.get(`/persons/${mette}/${path}`)).text());
    assert.doesNotMatch(other, /Fredag aften|fester|min sponsor|skændtes/, path);
  }
  const api = await henrik.get(`/api/v1/persons/${mette}/plan`, { headers: { Accept: 'application/json' } });
  if (api.status === 200) assert.equal((await api.json()).relapse_plan, null);
  assert.equal((await henrik.post(`/persons/${mette}/plan/relapse`, { version: '1', text_lang: 'da' })).status, 403);
  assert.ok(!accessRows(mette, 'henrik').includes('substance'), 'nothing of it read or written');
  const birgit = await signedIn('birgit');
  const res = await birgit.get(`/persons/${mette}/plan/relapse?edit=plan`);
  assert.equal(res.status, 200);
  page = main(await res.text());
  assert.doesNotMatch(page, /<textarea/, 'family reads only');
  assert.doesNotMatch(page, /Change the plan|Change the list/);
  assert.equal((await birgit.post(`/persons/${mette}/plan/relapse`, { version: '1', text_lang: 'da' })).status, 403);
  assert.equal((await birgit.post(`/persons/${mette}/plan/relapse/contacts`, { name_0: 'X', phone_0: '112' })).status, 403);
  const lars = await signedIn('lars');
  assert.equal((await lars.get(`/persons/${mette}/plan/relapse`)).status, 404);
  assert.equal((await lars.post(`/persons/${mette}/plan/relapse/contacts`, { name_0: 'X', phone_0: '112' })).status, 404);
  assert.equal(accessRows(mette, 'lars'), '');
});

test('crisis contacts: saved as a whole list, shown as tel: links at the top of /me', async () => {
  const mette = personOf('mette');
  const c = await signedIn('mette');
  let res = await c.get(`/persons/${mette}/plan/relapse?edit=contacts`);
  let page = await res.text();
  // The current three, and room for two more.
  assert.match(page, /name="name_0" type="text" value="Jonas \(sponsor\)"/);
  assert.match(page, /name="phone_2" type="tel" value="112"/);
  assert.match(page, /name="name_4" type="text" autocomplete/);
  res = await c.post(`/persons/${mette}/plan/relapse/contacts`, {
    name_0: 'Jonas (sponsor)', phone_0: '+45 22 33 44 55', note_0: 'Altid',
    name_1: '', phone_1: '', note_1: '',                       // removed
    name_2: 'Akut: 112', phone_2: '112', note_2: 'Hvis jeg er i fare',
    name_3: '  Mor  ', phone_3: '0045 (40) 50-60-70', note_3: '',
    name_4: '', phone_4: '', note_4: '',
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/relapse?saved=contacts#contacts`);
  assert.equal(contactsState(mette), 'Jonas (sponsor)|+45 22 33 44 55|Altid\nAkut: 112|112|Hvis jeg er i fare\nMor|0045 (40) 50-60-70|');
  assert.match(sql(`SELECT after FROM plan_history WHERE person_id = ${q(mette)} AND item_kind = 'crisis' ORDER BY changed_us DESC LIMIT 1`), /Mor: 0045/);

  page = main(await (await c.get('/me')).text());
  const help = /<section class="crisis-now"[\s\S]*?<\/section>/.exec(page)[0];
  assert.match(help, /<h2 id="s-help">Need help now\?<\/h2>/);
  assert.match(help, /<a href="tel:\+4522334455" class="button call">Call Jonas \(sponsor\) <span class="number">\+45 22 33 44 55<\/span><\/a><p class="when-to-call" lang="da">Altid<\/p>/);
  assert.match(help, /<a href="tel:112" class="button call">/);
  assert.match(help, /<a href="tel:\+4540506070" class="button call">Call Mor/);
  // At the top: before everything but the greeting.
  assert.ok(page.indexOf('crisis-now') < page.indexOf('In your own words'));
  assert.ok(page.indexOf('crisis-now') < page.indexOf('My people'));
  assert.ok(page.indexOf('class="hero"') < page.indexOf('crisis-now'));
  assert.match(page, new RegExp(`<a class="card-link" href="/persons/${mette}/plan">My plan</a>`));
  assert.match(page, /<a class="card-link" href="\/me\/tasks">My tasks<\/a>/);

  // Without contacts: a line to where they are added.
  const sam = personOf('sam');
  sql(`DELETE FROM crisis_contact WHERE person_id = ${q(sam)}`);
  const s = await signedIn('sam');
  page = main(await (await s.get('/me')).text());
  assert.doesNotMatch(page, /href="tel:/);
  assert.match(page, new RegExp(`<a href="/persons/${sam}/plan/relapse\\?edit=contacts#contacts">Add people to call</a>`));
});

test('bad contact rows: 422 at the field, the rows kept, nothing saved', async () => {
  const mette = personOf('mette');
  const c = await signedIn('mette');
  await c.get(`/persons/${mette}/plan/relapse?edit=contacts`);
  const before = contactsState(mette);
  const res = await c.post(`/persons/${mette}/plan/relapse/contacts`, {
    name_0: 'Jonas', phone_0: '+45 22 33 44 55',
    name_1: 'Lone', phone_1: '',                               // a name, no phone
    name_2: 'Mor', phone_2: '40 50 x0 70',                      // not a phone number
    name_3: '', phone_3: '+45 11 22 33 44', note_3: 'Nat',      // a number, no name
    name_4: 'Far', phone_4: '45 + 11',                           // + not first
  });
  assert.equal(res.status, 422);
  const page = await res.text();
  assert.match(page, /<a href="#f-phone_1">Please fill this in\./);
  assert.match(page, /<a href="#f-phone_2">Please give a phone number/);
  assert.match(page, /<a href="#f-name_3">Please fill this in\./);
  assert.match(page, /<a href="#f-phone_4">Please give a phone number/);
  assert.doesNotMatch(page, /href="#f-phone_0"/);
  assert.match(page, /<input id="f-phone_2" name="phone_2" type="tel" value="40 50 x0 70" autocomplete="off" aria-describedby="e-phone_2" aria-invalid="true">/);
  assert.match(page, /name="name_1" type="text" value="Lone"/);
  assert.match(page, /name="note_3" type="text" value="Nat"/);
  assert.equal(contactsState(mette), before, 'nothing saved, not even the good row');
  // More contacts than allowed are not taken.
  const many = {};
  for (let i = 0; i < 12; i++) { many[`name_${i}`] = `P${i}`; many[`phone_${i}`] = `+45 ${10 + i} 00 00 00`; }
  assert.equal((await c.post(`/persons/${mette}/plan/relapse/contacts`, many)).status, 303);
  assert.equal(Number(sql(`SELECT count(*) FROM crisis_contact WHERE person_id = ${q(mette)}`)), 10);
});

test('the plan as JSON: peter (duty) with a bearer token sees it all', async () => {
  const mette = personOf('mette');
  const c = await signedIn('peter');
  const page = await (await c.post('/me/tokens', { name: 'plan test' })).text();
  const token = /<p class="secret">([A-Za-z0-9_-]{43})<\/p>/.exec(page)[1];
  const res = await fetch(`${srv.url}/api/v1/persons/${mette}/plan`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const doc = await res.json();
  assert.equal(doc.person_id, mette);
  assert.equal(doc.domains.length, 10);
  const sub = doc.domains.find((d) => d.domain === 'substance_use');
  assert.match(sub.strengths, /AA-møder/);
  assert.equal(sub.language, 'da');
  assert.equal(typeof sub.version, 'number');
  assert.equal(sub.latest_rating.rating, 7);
  assert.match(sub.latest_rating.rated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  const housing = doc.domains.find((d) => d.domain === 'housing');
  assert.equal(housing.version, 2);
  assert.equal(housing.updated_by.name, 'Mette Larsen');
  const unwritten = doc.domains.find((d) => d.domain === 'practical_legal');
  assert.equal(unwritten.version, 0);
  assert.equal(unwritten.updated_at, null);
  assert.ok(doc.goals.find((g) => g.domain === 'substance_use' && g.title === 'Et år uden alkohol'));
  const reached = doc.goals.find((g) => g.title === 'Sove mindst syv timer om natten');
  assert.equal(reached.status, 'reached');
  assert.ok(Date.parse(reached.reached_at) < Date.now() - 60 * 86400e3);
  const kitchen = doc.goals.find((g) => g.title === 'Tilbage i et køkken');
  const karinStep = kitchen.steps.find((s) => s.owner.name === 'Karin Madsen');
  assert.equal(karinStep.owner.kind, 'member');
  assert.match(karinStep.due_date, /^\d{4}-\d\d-\d\d$/);
  assert.ok(karinStep.due_date < new Date().toISOString().slice(0, 10), 'overdue');
  assert.equal(doc.relapse_plan.language, 'da');
  assert.equal(typeof doc.relapse_plan.version, 'number');
  assert.ok(doc.crisis_contacts.length > 0);
  assert.ok(doc.crisis_contacts.every((k) => /^\+?\d+$/.test(k.tel) && typeof k.position === 'number'));
  // Logged: the plan, and the substance-use details he was shown.
  const rows = accessRows(mette, 'peter');
  assert.match(rows, /plan read/);
  assert.match(rows, /substance read/);
});

test('the plan as JSON without consent for substance use: the domain and its goals are simply not there', async () => {
  const mette = personOf('mette');
  sql(`DELETE FROM access_log WHERE actor_id = ${q(userId('henrik'))}`);
  const c = await signedIn('henrik');
  const res = await c.get(`/api/v1/persons/${mette}/plan`);
  assert.equal(res.status, 200);
  const raw = await res.text();
  const doc = JSON.parse(raw);
  assert.equal(doc.domains.length, 9);
  assert.ok(!doc.domains.some((d) => d.domain === 'substance_use'));
  assert.ok(!doc.goals.some((g) => g.domain === 'substance_use'));
  assert.ok(doc.goals.some((g) => g.domain === 'housing'));
  for (const word of ['substance_use', 'AA-møde', 'Et år uden alkohol', 'Ringe til Jonas hver søndag']) {
    assert.ok(!raw.includes(word), `no trace of ${word}`);
  }
  assert.equal(accessRows(mette, 'henrik'), 'plan read');
});

test('the plan as JSON is refused as problem+json: 404 for strangers, 403 for past members', async () => {
  const mette = personOf('mette');
  const lars = await signedIn('lars');
  let res = await lars.get(`/api/v1/persons/${mette}/plan`);
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal((await res.json()).code, 'not_found');
  res = await lars.get(`/api/v1/persons/${'0'.repeat(32)}/plan`);
  assert.equal(res.status, 404);
  res = await lars.get('/api/v1/persons/not-an-id/plan');
  assert.equal(res.status, 404);
  const mia = await signedIn('mia');
  res = await mia.get(`/api/v1/persons/${mette}/plan`);
  assert.equal(res.status, 403);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(accessRows(mette, 'lars'), '');
  assert.equal(accessRows(mette, 'mia'), '');
  const nobody = await fetch(`${srv.url}/api/v1/persons/${mette}/plan`);
  assert.equal(nobody.status, 401);
});

test('the download holds the whole plan, substance use, history and comments included', async () => {
  const mette = personOf('mette');
  const c = await signedIn('mette');
  const doc = await (await c.get('/api/v1/me/data')).json();
  const plan = doc.plan;
  assert.equal(plan.domains.length, 10);
  assert.match(plan.domains.find((d) => d.domain === 'substance_use').now, /ikke drukket/);
  assert.ok(plan.goals.some((g) => g.domain === 'substance_use' && g.steps.length === 2));
  assert.equal(plan.goals.length, Number(sql(`SELECT count(*) FROM goal WHERE person_id = ${q(mette)}`)));
  assert.equal(plan.ratings.length, Number(sql(`SELECT count(*) FROM plan_rating WHERE person_id = ${q(mette)}`)));
  assert.ok(plan.ratings.some((r) => r.domain === 'substance_use' && r.rating === 3));
  assert.equal(plan.history.length, Number(sql(`SELECT count(*) FROM plan_history WHERE person_id = ${q(mette)}`)));
  assert.ok(plan.history.some((h) => h.item_kind === 'relapse' && h.changed_by.name === 'Peter Sørensen' && h.organisation.name === 'Behandlingscenter Nordlys'));
  assert.ok(plan.history.every((h, i) => i === 0 || h.changed_at <= plan.history[i - 1].changed_at), 'newest first');
  assert.equal(plan.comments.length, Number(sql(`SELECT count(*) FROM plan_comment WHERE person_id = ${q(mette)}`)));
  assert.ok(plan.comments.some((k) => k.author.name === 'Henrik Lund' && /Ryesgade/.test(k.body)));
  assert.match(plan.relapse_plan.triggers, /Lønningsdag/);
  assert.equal(plan.relapse_plan.crisis_contacts.length, 10);
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE actor_id = ${q(userId('mette'))}`), '0');
});
