// The person's own pages on a phone, over HTTP: every phone number shown on
// the home page, the relapse-prevention plan, the overview and the network
// list is a tel: link (href with
// only + and digits), "112" is said once in the crisis line, and the
// download link says what it gives: JSON, and a size that matches the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv;

before(async () => {
  srv = await startRosc();
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username IN ('mette', 'jan')");
});

after(async () => {
  await srv?.stop();
});

const main = (html) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)[1];
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
// A phone number as the pages show it: +, digits and spaces, 6+ digits.
const PHONE = /\+?\d[\d ()-]{4,}\d/g;

/** Every phone-looking number in html's text that is not inside a tel: link. */
function unlinked(html) {
  const outside = html.replace(/<a href="tel:[^"]*"[^>]*>[\s\S]*?<\/a>/g, ' ');
  return (text(outside).match(PHONE) || []).filter((n) => n.replace(/\D/g, '').length >= 6);
}

for (const user of ['mette', 'jan']) {
  test(`${user}: every phone number on her or his home and relapse pages calls`, async () => {
    const c = await client(srv).signIn(user);
    const home = await c.get('/me');
    assert.equal(home.status, 200);
    const homeHtml = main(await home.text());
    const relapsePath = /href="(\/persons\/[0-9a-f]+\/plan\/relapse)"/.exec(homeHtml)[1];
    const relapse = await c.get(relapsePath);
    assert.equal(relapse.status, 200);
    const relapseHtml = main(await relapse.text());

    const personPath = relapsePath.replace(/\/plan\/relapse$/, '');
    const overviewHtml = main(await (await c.get(personPath)).text());
    const networkHtml = main(await (await c.get(personPath + '/network')).text());
    for (const [name, html] of [['home', homeHtml], ['relapse', relapseHtml],
      ['overview', overviewHtml], ['network', networkHtml]]) {
      const hrefs = [...html.matchAll(/href="tel:([^"]*)"/g)].map((m) => m[1]);
      assert.ok(hrefs.length >= 1, `${name}: tel: links (${hrefs.length})`);
      for (const h of hrefs) assert.match(h, /^\+?\d+$/, `${name}: tel:${h} has only + and digits`);
      assert.deepEqual(unlinked(html), [], `${name}: no phone number outside a tel: link`);
    }
    // The people's contact numbers on the home page call too.
    assert.match(homeHtml, /<span class="contact"><a href="tel:\+\d+" class="tel">/);
  });
}

test('the crisis line for 112 says 112 once', async () => {
  const c = await client(srv).signIn('mette');   // her contact is named "Akut: 112"
  const html = main(await (await c.get('/me')).text());
  const button = /<a href="tel:112" class="button call">([\s\S]*?)<\/a>/.exec(html);
  assert.ok(button, 'a button that calls 112');
  assert.equal((text(button[1]).match(/112/g) || []).length, 1, `112 once in "${text(button[1])}"`);
  // Jan's is named "Alarmnummer": the number is shown beside the name.
  const jan = await client(srv).signIn('jan');
  const jhtml = main(await (await jan.get('/me')).text());
  const jb = /<a href="tel:112" class="button call">([\s\S]*?)<\/a>/.exec(jhtml);
  assert.equal((text(jb[1]).match(/112/g) || []).length, 1, `112 once in "${text(jb[1])}"`);
});

test('the download link says JSON and about how big the file is', async () => {
  const c = await client(srv).signIn('mette');
  // The home page leads to "My data" and does not build the export itself.
  const home = main(await (await c.get('/me')).text());
  assert.match(home, /<a class="card-link" href="\/me\/data">My data<\/a>/);
  assert.doesNotMatch(home, /api\/v1\/me\/data/);
  const html = main(await (await c.get('/me/data')).text());
  const link = /<a class="button" href="\/api\/v1\/me\/data" download>([^<]*)<\/a>/.exec(html);
  assert.ok(link, 'the download link');
  const m = /^Download my data \(JSON, about (\d+) kB\)$/.exec(link[1]);
  assert.ok(m, `type and size in "${link[1]}"`);
  const before = Number(srv.sql("SELECT count(*) FROM access_log"));

  const data = await c.get('/api/v1/me/data');
  assert.equal(data.status, 200);
  const bytes = Buffer.byteLength(await data.text());
  // The label was built from the same export moments earlier (only the
  // generated_at instant differs, same length): it rounds to the same kB.
  assert.equal(Number(m[1]), Math.round(bytes / 1000), `${m[1]} kB for ${bytes} bytes`);
  // Her own reading is not logged as someone else's access.
  assert.equal(Number(srv.sql("SELECT count(*) FROM access_log")), before, 'no access-log entry');

  for (const [lang, re] of [['nl', /Mijn gegevens downloaden \(JSON, ongeveer \d+ kB\)/],
    ['da', /Download mine data \(JSON, cirka \d+ kB\)/]]) {
    srv.sql(`UPDATE user_account SET lang = '${lang}' WHERE username = 'mette'`);
    const c2 = await client(srv).signIn('mette');
    assert.match(await (await c2.get('/me/data')).text(), re, lang);
  }
  srv.sql("UPDATE user_account SET lang = 'en' WHERE username = 'mette'");
});
