// The demo world must not contradict itself: a newcomer trying rosc with
// `make run` should meet people whose histories add up. Read from the demo
// database on the backend under test, in plain SQL both backends speak.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv;
before(async () => { srv = await startRosc(); });
after(async () => { await srv.stop(); });

/** Rows of a query as objects, by the column names given. */
function rows(cols, q) {
  const out = srv.sql(q);
  if (out === '') return [];
  return out.split('\n').map((line) => {
    const f = line.split('|');
    return Object.fromEntries(cols.map((c, i) => [c, f[i] === '' ? null : f[i]]));
  });
}

const dayOf = (us) => new Date(Number(us) / 1000).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);

/** The network memberships through which a consent reaches its recipient. */
function membershipsFor(members, c) {
  return members.filter((m) => m.person === c.person
    && (c.org ? m.org === c.org : m.id === c.member));
}
const covers = (m, day) => m.from <= day && (m.until === null || day <= m.until);

test('the demo has people, networks and consents to check', () => {
  const [n] = rows(['persons'], 'SELECT count(*) FROM person');
  assert.ok(Number(n.persons) >= 20, `demo persons: ${n.persons}`);
});

test('memberships: none starts in the future or ends before it starts', () => {
  const members = rows(['name', 'from', 'until'],
    'SELECT coalesce(name, user_id), from_date, until_date FROM network_member');
  assert.ok(members.length > 40);
  for (const m of members) {
    assert.ok(m.from <= today, `${m.name} joins on ${m.from}, after today`);
    if (m.until) assert.ok(m.from <= m.until, `${m.name}: ${m.from} .. ${m.until}`);
  }
});

test('consent history: nobody is given sharing before they came or after they left', () => {
  const members = rows(['person', 'id', 'org', 'from', 'until'],
    'SELECT person_id, id, org_id, from_date, until_date FROM network_member');
  const history = rows(['person', 'org', 'member', 'granted', 'at', 'category'],
    `SELECT c.person_id, c.recipient_org_id, c.recipient_member_id, h.granted, h.changed_us, c.category
       FROM consent_history h JOIN consent c ON c.person_id = h.person_id AND c.id = h.consent_id
      -- What a person's acceptance of a referral granted goes to the receiving
      -- organisation, which need not be in the network.
      WHERE NOT EXISTS (SELECT 1 FROM referral r JOIN referral_consent k
        ON k.person_id = r.person_id AND k.referral_id = r.id
        WHERE r.person_id = c.person_id AND r.to_org_id = c.recipient_org_id
        AND k.category = c.category AND k.granted_here = 1)`);
  assert.ok(history.some((h) => h.granted === '0'), 'the demo has a withdrawn consent');
  for (const h of history) {
    const via = membershipsFor(members, h);
    assert.ok(via.length > 0, `a consent (${h.category}) to someone outside the network`);
    if (h.granted !== '1') continue;
    const day = dayOf(h.at);
    assert.ok(via.some((m) => covers(m, day)),
      `sharing ${h.category} given on ${day} to a recipient in the network only ${via.map((m) => `${m.from}..${m.until ?? ''}`).join(', ')}`);
  }
});

test('consents still in force: only to someone still in the network', () => {
  const members = rows(['person', 'id', 'org', 'from', 'until'],
    'SELECT person_id, id, org_id, from_date, until_date FROM network_member');
  const current = rows(['person', 'org', 'member', 'category', 'until'],
    `SELECT person_id, recipient_org_id, recipient_member_id, category, until_date
       FROM consent WHERE granted = 1`);
  assert.ok(current.length > 10);
  for (const c of current) {
    if (c.until !== null && c.until < today) continue;   // ran out by itself
    assert.ok(membershipsFor(members, c).some((m) => covers(m, today)),
      `sharing ${c.category} still in force with someone who has left the network`);
  }
});

// Words a person's network names and notes may use for the relation, per
// language; an English word on a Danish person's page is what testers met.
const RELATION_WORDS = {
  en: /\b(neighbou?r|friend|mother|father|mum|dad|sister|brother|aunt|uncle|colleague|partner|sponsor)\b/i,
  da: /\b(nabo|ven|veninde|mor|far|søster|bror|moster|faster|onkel|kollega|kæreste|sponsor)\b/i,
  nl: /\b(buurman|buurvrouw|vriend|vriendin|moeder|vader|zus|broer|tante|oom|collega|partner|sponsor)\b/i,
};

test('every name and text about a person is in the person\'s own language', () => {
  const named = rows(['lang', 'name'],
    `SELECT p.lang, m.name FROM network_member m JOIN person p ON p.id = m.person_id
      WHERE m.name IS NOT NULL
     UNION ALL
     SELECT p.lang, c.name FROM crisis_contact c JOIN person p ON p.id = c.person_id`);
  assert.ok(named.length > 0);
  for (const { lang, name } of named) {
    const relation = /\(([^)]*)\)|,\s*(.*)$|:\s*(.*)$/.exec(name);
    const word = relation && (relation[1] || relation[2] || relation[3]);
    if (!word) continue;
    for (const [other, re] of Object.entries(RELATION_WORDS)) {
      if (other === lang) continue;
      if (re.test(word) && !RELATION_WORDS[lang].test(word)) {
        assert.fail(`"${name}" on the pages of a person who reads ${lang} uses ${other}`);
      }
    }
  }
  const texts = rows(['lang', 'text_lang', 'what'],
    `SELECT p.lang, n.body_lang, 'note' FROM note n JOIN person p ON p.id = n.person_id
     UNION ALL
     SELECT p.lang, p.about_me_lang, 'about me' FROM person p WHERE p.about_me IS NOT NULL`);
  assert.ok(texts.length > 0);
  for (const t of texts) {
    assert.equal(t.text_lang, t.lang, `a ${t.what} in ${t.text_lang} for a person who reads ${t.lang}`);
  }
});

// The outcome cohort (src/cmd/demo_outcomes.c): the reports of Østerbro
// and De Brug show their figures for the default period (the twelve
// months up to this one), not only "not shown".
test('the outcome reports of Østerbro and De Brug show figures', async () => {
  for (const user of ['sofie', 'fleur']) {
    const c = client(srv);
    await c.signIn(user);
    const res = await c.get('/api/v1/reports/outcomes');
    assert.equal(res.status, 200, user);
    const { figures } = await res.json();
    const shown = (section, measure) => figures.filter((f) => f.section === section
      && f.measure === measure && f.value !== null);
    const [served] = shown('served', 'served');
    assert.ok(served && served.value >= 20, `${user}: served ${served?.value}`);
    assert.ok(shown('retention', 'share').length > 0, `${user}: a retention share`);
    assert.ok(shown('barc10', 'mean').length + shown('barc10', 'mean_then').length > 0,
      `${user}: a BARC-10 mean`);
    assert.ok(shown('referrals', 'median_days').length > 0, `${user}: a referral median`);
    // Some figures stay hidden, as the page should show.
    assert.ok(figures.some((f) => f.value === null), `${user}: something hidden`);
  }
});
