// The recovery plan pages (src/web/plan.c, plan_print.c, chart.c) on the
// demo world: Mette Larsen's plan, co-written by her and peter (home
// organisation, by duty); henrik (housing, Havnely) has her consent for
// the plan but not for substance use, so he sees the plan without that
// domain; birgit (family) reads only. Changes are checked in plan_history
// and reads in the access log, not only on the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, client, ROOT } from '../lib/rosc.mjs';

let srv, mette;
const sql = (query) => {
  return srv.sql(query);
};
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const userId = (name) => sql(`SELECT id FROM user_account WHERE username=${q(name)}`);
const HAVNELY = 'Boligselskabet Havnely';
const OSTERBRO = 'Socialforvaltningen Østerbro';

before(async () => {
  srv = await startRosc();
  // The pages' words are checked in English, whatever the demo users chose.
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  assert.match(mette, /^[0-9a-f]{32}$/, 'the demo has Mette Larsen');
});
after(async () => { await srv.stop(); });

const signIn = async (name, orgName) => client(srv).signIn(name, undefined, orgName ? { orgName } : {});
const page = async (c, path, status = 200) => {
  const res = await c.get(path);
  assert.equal(res.status, status, `GET ${path}`);
  return res.text();
};
/** The hidden version of the domain form on a page. */
const versionOf = (html) => {
  const m = /name="version" value="(\d+)"/.exec(html);
  assert.ok(m, 'the form carries a version');
  return m[1];
};
/** What a textarea holds (the parser drops the newline after the tag). */
const textarea = (html, name) => {
  const m = new RegExp(`<textarea[^>]* name="${name}"[^>]*>\\n([^<]*)</textarea>`).exec(html);
  return m ? m[1] : null;
};
const unescape = (s) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"')
  .replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const domainRow = (code) => sql(`SELECT version || '|' || coalesce(now_text, '') || '|' ||
  coalesce(strengths, '') || '|' || coalesce(hopes, '') || '|' || coalesce(matters_most, '')
  FROM plan_domain WHERE person_id=${q(mette)} AND domain=${q(code)}`);
const historyCount = () => Number(sql(`SELECT count(*) FROM plan_history WHERE person_id=${q(mette)}`));
const words = (prefix) => `${prefix} ${Math.random().toString(36).slice(2, 10)}`;

/** Every <svg>…</svg> piece of a page. */
const svgs = (html) => [...html.matchAll(/<svg[\s>][\s\S]*?<\/svg>/g)].map((m) => m[0]);

/** A small XML check: tags balance and nest, attributes are quoted, text
 * holds no bare < or &. Returns the list of tag names opened. */
function wellFormed(xml) {
  const stack = [], names = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    assert.doesNotMatch(text, /&(?!(?:amp|lt|gt|quot|#39|#\d+);)/, `a bare & in ${text}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    assert.ok(m, `a malformed tag at ${xml.slice(lt, lt + 60)}`);
    const [, close, name, , self] = m;
    if (close) {
      assert.equal(stack.pop(), name, `</${name}> closes what was opened`);
    } else {
      names.push(name);
      if (!self) stack.push(name);
    }
    i = tag.lastIndex;
  }
  assert.deepEqual(stack, [], 'every tag is closed');
  return names;
}

/** Checks one chart: well-formed, an image with a title and a
 * description it is described by, numbers written with a '.'. */
function checkChart(svg) {
  const names = wellFormed(svg);
  assert.equal(names[0], 'svg');
  assert.match(svg, /^<svg [^>]*role="img"/);
  const by = /aria-labelledby="([^"]+)"/.exec(svg);
  const desc = /aria-describedby="([^"]+)"/.exec(svg);
  assert.ok(by && desc, 'named by its title, described by its description');
  const [t, d] = [by[1], desc[1]];
  assert.match(svg, new RegExp(`<title id="${t}">[^<]+</title>`), 'a title');
  assert.match(svg, new RegExp(`<desc id="${d}">[^<]+</desc>`), 'a description');
  assert.doesNotMatch(svg, /\sstyle=/, 'no inline styles (CSP)');
  for (const [, attr, value] of svg.matchAll(/\s(x|y|x1|y1|x2|y2|cx|cy|r|dy|width|height)="([^"]*)"/g))
    assert.match(value, /^-?\d+(\.\d+)?$/, `${attr}="${value}" is a plain number`);
  for (const [, points] of svg.matchAll(/points="([^"]*)"/g))
    for (const pair of points.split(' '))
      assert.match(pair, /^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, `a point ${pair}`);
  assert.match(/viewBox="([^"]*)"/.exec(svg)[1], /^\d+ \d+ \d+ \d+$/);
}

test('the person and a home-organisation professional both write in a domain', async () => {
  const m = await signIn('mette');
  let html = await page(m, `/persons/${mette}/plan/domains/housing`);
  assert.match(html, /<h1>Housing<\/h1>/);
  const mine = words('Jeg har fået en nøgle');
  let res = await m.post(`/persons/${mette}/plan/domains/housing`, {
    now_text: mine, strengths: textarea(html, 'strengths'), hopes: textarea(html, 'hopes'),
    matters_most: '', text_lang: 'da', version: versionOf(html),
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan?saved=1&open=housing#dom-housing`);
  html = await page(m, `/persons/${mette}/plan?saved=1&open=housing`);
  assert.match(html, /<h1>My plan<\/h1>/);
  assert.match(html, /Your words are saved/);
  // The domains are folded; the one just saved is open, to see the words.
  assert.match(html, /<details class="domain" id="dom-housing" open>/);
  assert.match(html, /<details class="domain" id="dom-finances">/, 'the others stay folded');
  assert.ok(html.includes(`<div class="own-words" lang="da"><p>${mine}</p></div>`), 'her words, in Danish');
  assert.equal(sql(`SELECT count(*) FROM plan_history WHERE person_id=${q(mette)} AND item_id='housing'
    AND field='now_text' AND after=${q(mine)} AND changed_by=${q(userId('mette'))}`), '1');
  assert.equal(sql(`SELECT count(*) FROM plan_history WHERE person_id=${q(mette)} AND item_id='housing'
    AND field='matters_most' AND after IS NULL AND changed_by=${q(userId('mette'))}`), '1',
  'an emptied field is a change too');

  // Peter writes in a domain nobody wrote in yet (version 0).
  const p = await signIn('peter');
  html = await page(p, `/persons/${mette}/plan`);
  assert.match(html, /<h1>Mette&#39;s plan<\/h1>/, 'by her preferred name');
  const empty = /<details class="domain" id="dom-(\w+)"><summary><h3 id="dh-\w+">[^<]+<\/h3><span class="domain-sum">[^<]* · Not written yet<\/span><\/summary><div class="domain-body"><p><a href="\/persons\/[0-9a-f]{32}\/plan\/domains\/(\w+)">Add their words<\/a>/.exec(html);
  assert.ok(empty, 'a domain without words, with a link to add them');
  assert.equal(empty[1], empty[2]);
  const code = empty[2];
  html = await page(p, `/persons/${mette}/plan/domains/${code}`);
  assert.equal(versionOf(html), '0');
  const his = words('Hun vil gerne male igen');
  res = await p.post(`/persons/${mette}/plan/domains/${code}`, {
    now_text: '', strengths: his, hopes: '', matters_most: '', text_lang: 'da', version: '0',
  });
  assert.equal(res.status, 303);
  assert.equal(domainRow(code), `1||${his}||`);
  const row = sql(`SELECT changed_by || '|' || changed_org_id || '|' || version FROM plan_history
    WHERE person_id=${q(mette)} AND item_id=${q(code)} AND field='strengths'`);
  assert.equal(row, `${userId('peter')}|${sql("SELECT id FROM organisation WHERE name='Behandlingscenter Nordlys'")}|1`);
  // His write is in her access log; her own is not.
  assert.ok(Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)}
    AND actor_id=${q(userId('peter'))} AND what='plan' AND action='write' AND why='duty'`)) >= 1);
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE actor_id=${q(userId('mette'))}`), '0');

  // She sees it in her plan with his name.
  html = await page(m, `/persons/${mette}/plan`);
  assert.ok(html.includes(his));
  assert.match(html, /Last changed by Peter Sørensen on /);
});

test('two sessions edit one domain: the second is told, with both texts, and loses nothing', async () => {
  const a = await signIn('mette');
  const b = await signIn('peter');
  const pa = await page(a, `/persons/${mette}/plan/domains/finances`);
  const pb = await page(b, `/persons/${mette}/plan/domains/finances`);
  const n = versionOf(pa);
  assert.equal(versionOf(pb), n, 'both start from the same version');
  const before = domainRow('finances').split('|');
  const hers = words('Jeg har betalt den første regning af');
  const his = words('Budgettet holder stadig');

  let res = await a.post(`/persons/${mette}/plan/domains/finances`, {
    now_text: hers, strengths: before[2], hopes: before[3], matters_most: before[4], text_lang: 'da', version: n,
  });
  assert.equal(res.status, 303, 'the first save goes through');
  const saved = domainRow('finances');
  assert.equal(saved.split('|')[0], String(Number(n) + 1));
  const historyBefore = historyCount();

  res = await b.post(`/persons/${mette}/plan/domains/finances`, {
    now_text: his, strengths: before[2], hopes: before[3], matters_most: before[4], text_lang: 'da', version: n,
  });
  assert.equal(res.status, 409, 'the second save is refused');
  let html = await res.text();
  assert.match(html, /Someone else changed this while you were writing/);
  assert.ok(html.includes(hers), 'theirs (saved now) is shown');
  assert.ok(html.includes(his), 'yours is shown');
  assert.equal(textarea(html, 'now_text'), his, 'yours is still in the form');
  assert.match(html, /Saved now: changed by Mette Larsen, /);
  assert.equal(versionOf(html), String(Number(n) + 1), 'the form now starts from the saved version');
  assert.equal(domainRow('finances'), saved, 'nothing of the refused save is stored');
  assert.equal(historyCount(), historyBefore, 'nor in the history');

  // Saving again, knowingly, from the new version works.
  res = await b.post(`/persons/${mette}/plan/domains/finances`, {
    now_text: `${hers}\n\n${his}`, strengths: before[2], hopes: before[3], matters_most: before[4],
    text_lang: 'da', version: versionOf(html),
  });
  assert.equal(res.status, 303);
  assert.equal(domainRow('finances').split('|')[0], String(Number(n) + 2));

  // The history has every change, with who made it.
  const rows = sql(`SELECT h.version || '|' || u.username || '|' || replace(h.after, '
', '/') FROM plan_history h
    JOIN user_account u ON u.id = h.changed_by WHERE h.person_id=${q(mette)} AND h.item_id='finances'
    AND h.field='now_text' AND h.version > ${n} ORDER BY h.version`).split('\n');
  assert.deepEqual(rows, [`${Number(n) + 1}|mette|${hers}`, `${Number(n) + 2}|peter|${hers}//${his}`]);

  // The domain page shows the earlier versions.
  html = await page(a, `/persons/${mette}/plan/domains/finances`);
  const earlier = html.slice(html.indexOf('Earlier versions'));
  assert.ok(earlier.includes(his) && earlier.includes(hers));
  assert.match(earlier, /<span class="who">Peter Sørensen, Behandlingscenter Nordlys<\/span>/);
  assert.match(earlier, /<span class="who">You<\/span>/);
});

test('the person sees staff edits in the history', async () => {
  const p = await signIn('peter');
  let html = await page(p, `/persons/${mette}/plan/domains/family`);
  const before = domainRow('family').split('|');
  const his = words('Mette taler med sin søster igen');
  const res = await p.post(`/persons/${mette}/plan/domains/family`, {
    now_text: before[1], strengths: before[2], hopes: his, matters_most: before[4], text_lang: 'da',
    version: versionOf(html),
  });
  assert.equal(res.status, 303);

  const m = await signIn('mette');
  html = await page(m, `/persons/${mette}/plan/history`);
  assert.match(html, /<h1>Every change to the plan<\/h1>/);
  const items = html.split('<li><span class="when">').slice(1);
  assert.ok(items.length >= 10, 'many changes');
  const newest = items.findIndex((i) => i.includes(his));
  assert.ok(newest >= 0 && newest < 3, 'his change is at the top, newest first');
  const item = items[newest];
  assert.match(item, /<span class="who">Peter Sørensen, Behandlingscenter Nordlys<\/span>/);
  assert.match(item, /<a href="\/persons\/[0-9a-f]{32}\/plan\/domains\/family">Family and relationships<\/a>/);
  assert.match(item, /<span class="field">My hopes and dreams<\/span>/);
  assert.ok(item.includes(`<span class="before">${before[3]}</span> → <span class="after">${his}</span>`),
    'before → after');
  // Her own changes say "you".
  assert.ok(items.some((i) => i.includes('<span class="who">You</span>')));
});

test('henrik (plan, not substance use) sees the plan without the substance-use domain', async () => {
  const h = await signIn('henrik');
  const substGoal = sql(`SELECT id FROM goal WHERE person_id=${q(mette)} AND domain='substance_use' LIMIT 1`);
  assert.match(substGoal, /^[0-9a-f]{32}$/, 'the demo has a goal in the substance-use domain');
  const substTitle = sql(`SELECT title FROM goal WHERE id=${q(substGoal)}`);
  const substWords = sql(`SELECT now_text FROM plan_domain WHERE person_id=${q(mette)} AND domain='substance_use'`);
  const hidden = (html, where) => {
    for (const s of ['Alcohol and drugs', 'substance_use', 'substance-use', substTitle, substWords, substGoal])
      assert.ok(!html.includes(s), `${where} says nothing of ${s}`);
  };

  let html = await page(h, `/persons/${mette}/plan`);
  assert.match(html, /<h1>Mette&#39;s plan<\/h1>/, 'by her preferred name');
  assert.match(html, /<h3 id="dh-housing">Housing<\/h3>/, 'the other domains are there');
  hidden(html, 'the plan');
  const radar = svgs(html).find((s) => s.includes('chart-radar'));
  assert.ok(radar, 'the star chart is there');
  checkChart(radar);
  assert.equal((radar.match(/class="chart-label"/g) || []).length, 9, 'nine axes, not ten');
  assert.equal((html.match(/<tr><th scope="row">/g) || []).length, 9, 'nine rows of ratings');
  assert.ok(!html.includes('name="r_substance_use"'), 'no rating field for it');
  hidden(await page(h, `/persons/${mette}/plan/print`), 'the print view');
  hidden(await page(h, `/persons/${mette}/plan/history`), 'the history');

  // The domain itself: 403, since he is in her network.
  html = await page(h, `/persons/${mette}/plan/domains/substance_use`, 403);
  assert.match(html, /Not shared with you/);
  assert.ok(!html.includes(substWords));
  const comments = sql(`SELECT count(*) FROM plan_comment WHERE author_id=${q(userId('henrik'))}`);
  let res = await h.post(`/persons/${mette}/plan/domains/substance_use`, {
    now_text: 'x', strengths: '', hopes: '', matters_most: '', text_lang: 'da', version: '1',
  });
  assert.equal(res.status, 403);
  res = await h.post(`/persons/${mette}/plan/ratings`, { r_substance_use: '3', r_housing: '5' });
  assert.equal(res.status, 403, 'no rating of it either');
  res = await h.post(`/persons/${mette}/plan/comments`, { item_kind: 'goal', item_id: substGoal, body: 'Hej', lang: 'da' });
  assert.equal(res.status, 403, 'nor a comment on its goals');
  res = await h.post(`/persons/${mette}/plan/comments`, { item_kind: 'domain', item_id: 'substance_use', body: 'Hej', lang: 'da' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT count(*) FROM plan_comment WHERE author_id=${q(userId('henrik'))}`), comments);

  // He may co-write the rest (consent for the plan).
  html = await page(h, `/persons/${mette}/plan/domains/housing`);
  assert.match(html, /<textarea id="f-now_text"/);

  // The log: his plan reads, by consent; never a read of substance use.
  const log = sql(`SELECT what || '|' || action || '|' || why FROM access_log WHERE person_id=${q(mette)}
    AND actor_id=${q(userId('henrik'))}`).split('\n');
  assert.ok(log.includes('plan|read|consent'), log.join(', '));
  assert.ok(!log.some((l) => l.startsWith('substance')), 'no substance-use access logged');
});

test('the charts are well-formed SVG with a text alternative, numbers with a dot in any language', async () => {
  sql("UPDATE user_account SET lang = 'da' WHERE username = 'karin'");
  try {
    for (const [who, org] of [['mette'], ['peter'], ['karin', OSTERBRO]]) {
      const c = await signIn(who, org);
      const html = await page(c, `/persons/${mette}/plan`);
      const charts = svgs(html);
      assert.ok(charts.length >= 3, `${who}: a star chart, lines and bars (${charts.length})`);
      for (const s of charts) checkChart(s);
      assert.ok(charts.some((s) => s.includes('chart-radar')));
      assert.ok(charts.some((s) => s.includes('chart-line')));
      assert.ok(charts.some((s) => s.includes('chart-bars')), 'goals reached over time');
      assert.doesNotMatch(html, /\sstyle="/, 'no inline styles anywhere');
      // The numbers beside the chart, as text: a table of the latest ratings.
      assert.match(html, /<table class="ratings"><caption>/);
      const latest = sql(`SELECT rating FROM plan_rating WHERE person_id=${q(mette)} AND domain='housing'
        ORDER BY rated_us DESC LIMIT 1`);
      assert.match(html, new RegExp(`<tr><th scope="row"><span class="axis-no" aria-hidden="true">\\d+</span>[^<]+</th><td>${latest}</td>`),
        "numbered as the star chart's axes");
    }
  } finally {
    sql("UPDATE user_account SET lang = 'en' WHERE username = 'karin'");
  }
});

test('self-ratings: one write for all, in the history; family may not rate', async () => {
  const m = await signIn('mette');
  let html = await page(m, `/persons/${mette}/plan`);
  assert.match(html, /name="r_substance_use"/, 'she rates every domain, her own');
  const before = Number(sql(`SELECT count(*) FROM plan_rating WHERE person_id=${q(mette)}`));
  let res = await m.post(`/persons/${mette}/plan/ratings`, { r_housing: '8', r_family: '9', r_substance_use: '7' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan?rated=1#progress`);
  assert.equal(Number(sql(`SELECT count(*) FROM plan_rating WHERE person_id=${q(mette)}`)), before + 3);
  assert.equal(sql(`SELECT count(DISTINCT rated_us) FROM plan_rating WHERE person_id=${q(mette)}
    AND rated_us = (SELECT max(rated_us) FROM plan_rating WHERE person_id=${q(mette)})`), '1');
  assert.equal(sql(`SELECT item_id || '=' || after FROM plan_history
    WHERE person_id=${q(mette)} AND item_kind='rating' ORDER BY changed_us DESC, item_id LIMIT 3`).split('\n').join(','),
  'family=9,housing=8,substance_use=7');

  // A rating out of range, or none at all: 422, the choices kept, nothing saved.
  res = await m.post(`/persons/${mette}/plan/ratings`, { r_housing: '11', r_family: '4' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /<option value="4" selected>/, 'what was chosen is kept');
  assert.match(html, /href="#f-r_housing"/);
  res = await m.post(`/persons/${mette}/plan/ratings`, {});
  assert.equal(res.status, 422);
  assert.equal(Number(sql(`SELECT count(*) FROM plan_rating WHERE person_id=${q(mette)}`)), before + 3);

  // Birgit (family, plan by name) reads the plan but does not write in it.
  const b = await signIn('birgit');
  html = await page(b, `/persons/${mette}/plan`);
  assert.ok(!html.includes('name="r_housing"'), 'no rating form');
  assert.ok(!html.includes('/plan/goals/new'), 'no "add a goal"');
  assert.ok(!html.includes('Alcohol and drugs'), 'no substance use for her either');
  res = await b.post(`/persons/${mette}/plan/ratings`, { r_housing: '2' });
  assert.equal(res.status, 403);
  html = await page(b, `/persons/${mette}/plan/domains/housing`);
  assert.ok(!html.includes('<textarea'), 'she reads the words, without a form');
  res = await b.post(`/persons/${mette}/plan/domains/housing`, { now_text: 'x', version: '1' });
  assert.equal(res.status, 403);
});

test('bad input: 422 with the input kept at its field, nothing saved', async () => {
  const m = await signIn('mette');
  const html = await page(m, `/persons/${mette}/plan/domains/meaning`);
  const version = versionOf(html);
  const stored = domainRow('meaning');
  const count = historyCount();
  const big = 'Ø'.repeat(50 * 1024);                  // 100 KB of text
  let res = await m.post(`/persons/${mette}/plan/domains/meaning`, {
    now_text: 'Jeg maler igen', strengths: big, hopes: '', matters_most: '', text_lang: 'da', version,
  });
  assert.equal(res.status, 422);
  let out = await res.text();
  assert.match(out, /<div class="field has-error"><label for="f-strengths">/);
  assert.match(out, /This is too long/);
  assert.equal(textarea(out, 'now_text'), 'Jeg maler igen', 'the rest is kept');
  assert.equal(textarea(out, 'strengths'), big, 'even the long text is kept');

  // Invalid UTF-8 and a NUL byte, sent raw.
  for (const bad of ['%FF%FE', 'abc%00def']) {
    const body = `csrf=${encodeURIComponent(m.csrf)}&now_text=ok&strengths=${bad}&hopes=&matters_most=&text_lang=da&version=${version}`;
    res = await m.request('POST', `/persons/${mette}/plan/domains/meaning`, {
      body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 422, bad);
    out = await res.text();
    assert.match(out, /<div class="field has-error"><label for="f-strengths">/);
    assert.equal(textarea(out, 'now_text'), 'ok');
  }
  res = await m.post(`/persons/${mette}/plan/domains/meaning`, {
    now_text: 'Jeg maler igen', strengths: '', hopes: '', matters_most: '', text_lang: 'tlh', version,
  });
  assert.equal(res.status, 422, 'a language we do not offer');
  assert.equal(domainRow('meaning'), stored, 'nothing saved');
  assert.equal(historyCount(), count, 'nothing in the history');

  // An unknown domain is not a page.
  await page(m, `/persons/${mette}/plan/domains/astrology`, 404);
  res = await m.post(`/persons/${mette}/plan/domains/astrology`, { now_text: 'x', version: '0' });
  assert.equal(res.status, 404);
});

test('comments on a domain, a goal and the relapse plan; never on another person\'s item', async () => {
  const m = await signIn('mette');
  await page(m, `/persons/${mette}/plan/domains/housing`);
  const body = words('Henrik har ringet');
  let res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'domain', item_id: 'housing', body, lang: 'da' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/domains/housing#comments`);
  let html = await page(m, `/persons/${mette}/plan/domains/housing`);
  assert.ok(html.includes(`<div class="own-words" lang="da"><p>${body}</p></div>`));

  const goal = sql(`SELECT id FROM goal WHERE person_id=${q(mette)} AND domain='housing' LIMIT 1`);
  res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'goal', item_id: goal, body: 'Godt nyt', lang: 'da' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/goals/${goal}`);
  const step = sql(`SELECT id FROM step WHERE person_id=${q(mette)} AND goal_id=${q(goal)} LIMIT 1`);
  res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'step', item_id: step, body: 'Klaret snart', lang: 'da' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/goals/${goal}#step-${step}`);
  res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'relapse', item_id: 'relapse', body: 'Tak', lang: 'da' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/plan/relapse`);
  assert.equal(sql(`SELECT item_kind FROM plan_comment
    WHERE person_id=${q(mette)} AND author_id=${q(userId('mette'))} ORDER BY created_us DESC LIMIT 4`).split('\n').join(','),
  'relapse,step,goal,domain');

  // Another person's goal, an unknown one, an unknown kind: 404, nothing saved.
  const count = sql('SELECT count(*) FROM plan_comment');
  const other = sql(`SELECT id FROM goal WHERE person_id != ${q(mette)} LIMIT 1`) || 'ab'.repeat(16);
  for (const [kind, id] of [['goal', other], ['goal', 'cd'.repeat(16)], ['step', goal], ['domain', 'astrology'], ['note', 'x'], ['relapse', 'other']]) {
    res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: kind, item_id: id, body: 'Hej', lang: 'da' });
    assert.equal(res.status, 404, `${kind} ${id}`);
  }
  // An empty or too long comment: 422, the words kept.
  res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'domain', item_id: 'housing', body: '  ', lang: 'da' });
  assert.equal(res.status, 422);
  res = await m.post(`/persons/${mette}/plan/comments`, { item_kind: 'goal', item_id: goal, body: 'x'.repeat(4001), lang: 'da' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.equal(textarea(html, 'body'), 'x'.repeat(4001));
  assert.match(html, /name="item_id" value="[0-9a-f]{32}"/);
  assert.equal(sql('SELECT count(*) FROM plan_comment'), count);

  // Family reads the comments, but does not write them.
  const b = await signIn('birgit');
  html = await page(b, `/persons/${mette}/plan/domains/housing`);
  assert.ok(html.includes(body));
  assert.ok(!html.includes('name="body"'));
  res = await b.post(`/persons/${mette}/plan/comments`, { item_kind: 'domain', item_id: 'housing', body: 'Hej', lang: 'da' });
  assert.equal(res.status, 403);
});

test('staff reads of the plan are in the access log; strangers get the same 404', async () => {
  const peterId = userId('peter');
  const count = (what, action) => Number(sql(`SELECT count(*) FROM access_log WHERE person_id=${q(mette)}
    AND actor_id=${q(peterId)} AND what=${q(what)} AND action=${q(action)} AND why='duty'`));
  const p = await signIn('peter');
  for (const path of ['/plan', '/plan/print', '/plan/history', '/plan/domains/work_education']) {
    const plan = count('plan', 'read');
    await page(p, `/persons/${mette}${path}`);
    assert.equal(count('plan', 'read'), plan + 1, `${path}: a plan read is logged`);
  }
  // Substance use is logged when it is shown: on the plan and the print view.
  const subst = count('substance', 'read');
  await page(p, `/persons/${mette}/plan`);
  await page(p, `/persons/${mette}/plan/domains/substance_use`);
  assert.equal(count('substance', 'read'), subst + 2);

  // Lars was never in her network: the plan is not there for him.
  const l = await signIn('lars');
  const missing = await page(l, `/persons/${'ab'.repeat(16)}/plan`, 404);
  const hers = await page(l, `/persons/${mette}/plan`, 404);
  assert.equal(hers.replace(/value="[^"]+"/g, ''), missing.replace(/value="[^"]+"/g, ''), 'the same 404');
  await page(l, `/persons/${mette}/plan/print`, 404);
  await page(l, `/persons/${mette}/plan/history`, 404);
  assert.equal(sql(`SELECT count(*) FROM access_log WHERE actor_id=${q(userId('lars'))} AND person_id=${q(mette)}
    AND what IN ('plan', 'substance')`), '0');
});

test('the print view: the whole plan on A4, with the relapse plan and crisis contacts', async () => {
  const m = await signIn('mette');
  const html = await page(m, `/persons/${mette}/plan/print`);
  assert.match(html, /<article class="print-doc"/);
  assert.match(html, /class="print-hint"/, 'on screen, a hint to use Print');
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /<h2 id="p-words">In my own words<\/h2>/);
  assert.match(html, /<h2 id="p-goals">My goals<\/h2>/);
  assert.match(html, /<h2 id="p-relapse">My relapse-prevention plan<\/h2>/);
  const contact = sql(`SELECT name || '|' || phone FROM crisis_contact WHERE person_id=${q(mette)} ORDER BY position LIMIT 1`).split('|');
  assert.ok(html.includes(contact[0]) && html.includes(contact[1]), 'crisis contacts');
  const step = sql(`SELECT title FROM step WHERE person_id=${q(mette)} AND due_date IS NOT NULL LIMIT 1`);
  assert.ok(html.includes(step), 'steps with who and by when');
  assert.match(html, /<th scope="col">Who does it<\/th><th scope="col">By when<\/th>/);
  assert.match(html, /Alcohol and drugs/, 'her own substance-use domain');
  const css = readFileSync(join(ROOT, 'static', 'style.css'), 'utf8');
  assert.match(css, /@page \{ size: A4; margin: 15mm; \}/);
  assert.match(css, /\.print-hint, \.plan-links \{ display: none; \}/);
});

test('the history pages by 50 without losing or repeating a change', async () => {
  const m = await signIn('mette');
  await page(m, `/persons/${mette}/plan`);
  for (let i = 0; i < 6; i++) {
    const form = {};
    for (const d of ['physical_health', 'mental_health', 'housing', 'work_education', 'finances', 'family', 'social_network', 'meaning', 'practical_legal'])
      form[`r_${d}`] = String(1 + ((i + d.length) % 10));
    const res = await m.post(`/persons/${mette}/plan/ratings`, form);
    assert.equal(res.status, 303);
  }
  const total = historyCount();
  const seen = [];
  let path = `/persons/${mette}/plan/history`;
  for (let pages = 0; path && pages < 20; pages++) {
    const html = await page(m, path);
    const times = [...html.matchAll(/<time datetime="([^"]+)">/g)].map((x) => x[1]);
    if (pages === 0) assert.ok(times.length >= 50, 'a full first page');
    seen.push(...times);
    const next = /<a href="([^"]+)" rel="next">/.exec(html);
    path = next ? unescape(next[1]) : null;
  }
  assert.equal(seen.length, total, 'every change once');
  assert.deepEqual([...seen].sort().reverse(), seen, 'newest first, across pages');
});
