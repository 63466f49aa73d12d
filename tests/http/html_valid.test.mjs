// Every page is valid HTML: the Nu HTML checker (vnu.jar from the vnu-jar npm
// package, run by Debian's Java) over a crawl of every page each demo
// account can reach by following links, and the pages a visitor meets
// signed out, in all three languages. The checker runs once over all the
// saved pages; any error fails the test with its page and line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, ROOT, PG } from '../lib/rosc.mjs';
import { spawnSync } from '../lib/run.mjs';

const VNU = process.env.VNU_JAR || join(ROOT, 'tests', 'e2e', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const MAX_PAGES_PER_ACCOUNT = 60;

// Every demo account (src/cmd/demo.c), with the organisation to act for
// where there is a choice.
const ACCOUNTS = [
  ['admin'], ['anne'], ['peter'], ['karin', 'Socialforvaltningen Østerbro'],
  ['karin', 'Behandlingscenter Nordlys'], ['sofie'], ['henrik'], ['mia'], ['lars'],
  ['jonas'], ['else'], ['fleur'], ['daan'], ['noor'], ['mette'], ['jan'], ['sam'], ['birgit'],
];

// Links a crawl must not follow: leaving rosc, changing what the crawl
// sees (signing out, the language switch), and what is not a page.
function followable(href) {
  if (!href.startsWith('/') || href.startsWith('//')) return false;
  return !/^\/(api|static|fhir|signout|lang|metrics|healthz|robots\.txt)(\/|\?|$)/.test(href);
}

let srv;
let dir;
const saved = new Map();   // file name -> what it is, for the failure message
let n = 0;

before(async () => {
  if (PG) return;
  srv = await startRosc();
  dir = mkdtempSync(join(tmpdir(), 'rosc-vnu-'));
});
after(async () => {
  if (PG) return;
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

function save(label, html) {
  const name = `p${String(++n).padStart(4, '0')}.html`;
  writeFileSync(join(dir, name), html);
  saved.set(name, label);
}

const hrefs = (html) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)]
  .map((m) => m[1].replace(/&amp;/g, '&').replace(/#.*$/, ''))
  .filter((h) => h !== '' && followable(h));

/** Follows links from start as one visitor; saves every HTML page met. */
async function crawl(c, who, start) {
  const seen = new Set();
  const queue = [...start];
  let pages = 0;
  while (queue.length && pages < MAX_PAGES_PER_ACCOUNT) {
    const path = queue.shift();
    // One visit per route shape and query: enough to see every page kind
    // without walking a caseload's every person.
    const shape = path.replace(/[0-9a-f]{32}/g, ':id')
      .replace(/^\/(admin\/)?services\/(?!new\b)[^/?]+/, '/$1services/:hsds')
      .replace(/after=[0-9a-f]+/, 'after=:cursor');
    if (seen.has(shape)) continue;
    seen.add(shape);
    const res = await c.get(path);
    if (!(res.headers.get('content-type') || '').startsWith('text/html')) continue;
    const html = await res.text();
    if (!html) continue;
    pages++;
    save(`${who} ${path} (${res.status})`, html);
    queue.push(...hrefs(html));
  }
  return pages;
}

// The pages are the same on both backends: checked once, on SQLite.
const skip = PG ? 'the pages are the same as on SQLite, where they are checked' : false;

test('the Nu HTML checker finds no error on any page, as any demo account', { timeout: 600000, skip }, async () => {
  assert.ok(existsSync(VNU), `the Nu checker is installed (${VNU}; make check installs it)`);
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.equal(java.status, 0, 'Java runs (make check installs default-jre-headless)');

  // Signed out, in each language: the sign-in page, a failed sign-in, a
  // page that is not there.
  for (const lang of ['en', 'nl', 'da']) {
    const c = client(srv, { headers: { 'Accept-Language': lang } });
    save(`signed out ${lang} /signin`, await (await c.get('/signin')).text());
    save(`signed out ${lang} failed sign-in`, await (await c.post('/signin', { username: 'nobody-here', password: 'wrong-password' })).text());
    save(`signed out ${lang} 404`, await (await c.get('/no/such/page')).text());
    // The public directory: the search, a search with filters and with
    // nothing found, the next page, one service.
    save(`signed out ${lang} /services`, await (await c.get('/services')).text());
    save(`signed out ${lang} /services filtered`, await (await c.get('/services?q=alkohol&stage=treatment&domain=substance_use&lang=da&video=1&capacity=1&open_now=1')).text());
    save(`signed out ${lang} /services none`, await (await c.get('/services?q=zzzznothing')).text());
    save(`signed out ${lang} /services/{id}`, await (await c.get('/services/demo-svc-nordlys-ambulant')).text());
    // The meeting finder: the search, filtered, and nothing found.
    save(`signed out ${lang} /meetings`, await (await c.get('/meetings')).text());
    save(`signed out ${lang} /meetings filtered`, await (await c.get('/meetings?q=k%C3%B8benhavn&day=today&part=evening&type=O&language=da&online=1')).text());
    save(`signed out ${lang} /meetings none`, await (await c.get('/meetings?q=zzzznothing')).text());
  }

  let total = 0;
  for (const [who, org] of ACCOUNTS) {
    const c = client(srv);
    await c.signIn(who, undefined, { orgName: org });
    total += await crawl(c, `${who}${org ? ` (${org})` : ''}`, ['/', '/me', '/persons', '/me/settings']);
  }
  assert.ok(total >= 100, `the crawl saw ${total} pages`);

  const r = spawnSync('java', ['-Xss8m', '-jar', VNU, '--errors-only', '--format', 'json', '--skip-non-html', dir],
    { encoding: 'utf8', timeout: 300000, maxBuffer: 64 * 1024 * 1024 });
  let messages;
  try {
    ({ messages } = JSON.parse(r.stderr || r.stdout));
  } catch {
    assert.fail(`the Nu checker did not answer in JSON (status ${r.status}):\n${(r.stderr || r.stdout).slice(0, 2000)}`);
  }
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  // One line per distinct message, with the first page it was seen on and
  // how many times it was seen in all.
  const byMessage = new Map();
  for (const m of errors) {
    const key = m.message.replace(/“[^”]*”/, '“…”');
    const seen = byMessage.get(key);
    if (seen) { seen.count++; continue; }
    const file = (m.url || '').split('/').pop();
    byMessage.set(key, { count: 1, m, page: saved.get(file) ?? file });
  }
  const report = [...byMessage.values()].slice(0, 40).map(({ count, m, page }) =>
    `  ${m.message} (${count}×; first on ${page}, column ${m.firstColumn ?? '?'})\n    ${(m.extract || '').replace(/\s+/g, ' ').trim()}`);
  assert.equal(errors.length, 0, `${errors.length} HTML error(s) over ${saved.size} pages:\n${report.join('\n')}`);
});
