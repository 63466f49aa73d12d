// Where people land after signing in, the volunteer's API tokens (which
// reach the requests for company and nothing else), and role names in the
// middle of a sentence.
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
  assert.equal((await signInTo('else')).to, '/accompaniment', 'a volunteer: the requests to go along');
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

test('a volunteer\'s API token reaches the requests for company and no person\'s data', async () => {
  const { c } = await signInTo('else');
  await c.get('/me/settings');
  await c.post('/me/settings/language', { lang: 'en' });
  const page = await (await c.get('/me/settings')).text();
  assert.match(page, /action="\/me\/tokens"/);
  const res = await c.post('/me/tokens', { name: 'my phone' });
  const token = /class="secret">([^<]+)</.exec(await res.text())?.[1];
  assert.ok(token, 'a token is shown once');
  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const jobs = await fetch(srv.url + '/api/v1/accompaniment-requests', auth);
  assert.equal(jobs.status, 200);
  assert.ok((await jobs.json()).requests.length > 0);
  // Mette's appointments and plan: as for anyone who does not exist.
  const mette = srv.sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
  for (const path of [`/api/v1/persons/${mette}/appointments`, `/api/v1/persons/${mette}/plan`,
    `/api/v1/persons/${mette}/referrals`]) {
    const r = await fetch(srv.url + path, auth);
    assert.ok(r.status === 404 || r.status === 403, `${path}: ${r.status}`);
  }
});
