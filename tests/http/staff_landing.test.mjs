// Where people land after signing in, the volunteer's settings without API
// tokens, and role names in the middle of a sentence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client, DEMO_PASSWORD } from '../lib/rosc.mjs';

let srv;
before(async () => { srv = await startRosc(); });
after(async () => { await srv.stop(); });

/** Signs in without ?next= (or with one); returns the client and where it was sent. */
async function signInTo(username, next) {
  const c = client(srv);
  await c.get('/signin');
  const q = next ? `?next=${encodeURIComponent(next)}` : '';
  const res = await c.post(`/signin${q}`, { username, password: DEMO_PASSWORD });
  assert.equal(res.status, 303, `sign-in as ${username}`);
  return { c, to: res.headers.get('location') };
}

test('staff land on their people; a person on their own page; ?next= still wins', async () => {
  assert.equal((await signInTo('peter')).to, '/persons', 'a professional');
  assert.equal((await signInTo('daan')).to, '/persons', 'a coordinator');
  assert.equal((await signInTo('else')).to, '/persons', 'a volunteer: the people she goes along with');
  assert.equal((await signInTo('anne')).to, '/', 'an organisation admin: the home page');
  assert.equal((await signInTo('mette')).to, '/me', 'a person: their own page');
  assert.equal((await signInTo('peter', '/me/settings')).to, '/me/settings', 'an explicit target');
  assert.equal((await signInTo('mette', '/me/log')).to, '/me/log');
  // The sign-in form asks for no target unless one was named.
  const form = await (await client(srv).get('/signin')).text();
  assert.match(form, /<form method="post" action="\/signin"/);
});

test('staff in two organisations choose one, then land on their people there', async () => {
  const { c, to } = await signInTo('karin');
  assert.equal(to, '/signin/organisation');
  const page = await (await c.get('/signin/organisation')).text();
  const osterbro = /name="org" value="([0-9a-f]{32})"><button[^>]*>Socialforvaltningen Østerbro/.exec(page);
  assert.ok(osterbro, 'Østerbro is offered');
  const res = await c.post('/signin/organisation', { org: osterbro[1] });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/persons');
  // The home page stays one tap away, its cards are links, with no repeated buttons.
  const home = await (await c.get('/')).text();
  assert.match(home, /<h2><a class="card-link" href="\/persons">My people<\/a><\/h2>/);
  assert.doesNotMatch(home, /class="button[^"]*" href="\/persons"/);
});

test('a role in the middle of a sentence is lower case, in every language', async () => {
  const { c } = await signInTo('else');
  for (const [lang, text] of [['en', 'as volunteer.'], ['nl', 'als vrijwilliger.'], ['da', 'som frivillig.']]) {
    await c.get('/me/settings');
    await c.post('/me/settings/language', { lang });
    const home = await (await c.get('/')).text();
    assert.ok(home.includes(text), `${lang}: “${text}”`);
    assert.doesNotMatch(home, /(as|als|som) (Volunteer|Vrijwilliger|Frivillig)\./);
  }
});

test('a volunteer is offered no API tokens and cannot make one', async () => {
  const { c } = await signInTo('else');
  await c.post('/me/settings/language', { lang: 'en' });
  const page = await (await c.get('/me/settings')).text();
  assert.doesNotMatch(page, /API tokens/);
  assert.doesNotMatch(page, /action="\/me\/tokens"/);
  const res = await c.post('/me/tokens', { name: 'my script' });
  assert.equal(res.status, 403);
  assert.equal(srv.sql(`SELECT count(*) FROM api_token WHERE name = 'my script'`), '0');
  // A professional still has them.
  const { c: p } = await signInTo('peter');
  assert.match(await (await p.get('/me/settings')).text(), /action="\/me\/tokens"/);
});
