// Administration: organisations (system admins) and accounts with their
// roles (organisation admins for their own organisation, system admins for
// all): who may see what, what is written, what is audited, and that a
// refused or invalid form changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from '../lib/run.mjs';
import { startRosc, client } from '../lib/rosc.mjs';

let srv;
before(async () => { srv = await startRosc(); });
after(async () => { await srv.stop(); });

/** Runs SQL on the test database; returns the output's lines. */
function sql(query) {
  return srv.sql(query).split('\n').filter((l) => l !== '');
}
const one = (query) => sql(query)[0];
const count = (table, where = '1 = 1') => Number(one(`select count(*) from ${table} where ${where}`));
const userId = (name) => one(`select id from user_account where username = '${name}'`);
const orgId = (name) => one(`select id from organisation where name = '${name}'`);
const actions = () => sql('select action from audit order by seq');
const NORDLYS = 'Behandlingscenter Nordlys';
const OSTERBRO = 'Socialforvaltningen Østerbro';

/** The error message shown at a field, or null. */
function fieldError(page, field) {
  const m = new RegExp(`<p class="field-error" id="e-${field}">([^<]*)</p>`).exec(page);
  return m ? m[1] : null;
}
/** The value an input shows again, or null. */
function inputValue(page, field) {
  const m = new RegExp(`<input id="f-${field}" name="${field}" type="text" value="([^"]*)"`).exec(page);
  return m ? m[1] : null;
}

const orgForm = (name, extra = {}) => ({ name, sector: 'housing', time_zone: 'Europe/Copenhagen', ...extra });

test('a system admin adds an organisation; it is listed and audited', async () => {
  const admin = await client(srv).signIn('admin');
  let page = await (await admin.get('/admin/organisations')).text();
  assert.match(page, new RegExp(NORDLYS));
  assert.match(page, /<select id="f-sector" name="sector"/);
  assert.equal(inputValue(page, 'time_zone'), 'Europe/Copenhagen', 'the default zone');
  const before = count('organisation');
  const res = await admin.post('/admin/organisations', orgForm('  Bostøtte Nord  ', { sector: 'housing' }));
  assert.equal(res.status, 303);
  const id = orgId('Bostøtte Nord');
  assert.ok(id, 'stored with the blanks trimmed');
  assert.equal(res.headers.get('location'), `/admin/organisations/${id}`);
  assert.equal(count('organisation'), before + 1);
  assert.equal(one(`select name_key from organisation where id = '${id}'`), 'bostøtte nord');
  assert.deepEqual(sql(`select action, target from audit where action = 'organisation.create'`),
    [`organisation.create|organisation:${id}`]);
  page = await (await admin.get(`/admin/organisations/${id}`)).text();
  assert.match(page, /<h1>Bostøtte Nord<\/h1>/);
  assert.match(page, /<option value="housing" selected>Housing<\/option>/);
  page = await (await admin.get('/admin/organisations')).text();
  assert.match(page, new RegExp(`<a href="/admin/organisations/${id}">Bostøtte Nord</a>`));
});

test('a taken name (in any case) or an unknown time zone: 422, input kept, nothing written', async () => {
  const admin = await client(srv).signIn('admin');
  await admin.get('/admin/organisations');
  const before = count('organisation'), audits = count('audit');
  let res = await admin.post('/admin/organisations', orgForm('behandlingscenter NORDLYS'));
  assert.equal(res.status, 422);
  let page = await res.text();
  assert.equal(inputValue(page, 'name'), 'behandlingscenter NORDLYS');
  assert.match(fieldError(page, 'name'), /already in use/);
  assert.match(page, /<div class="error-summary"/);

  res = await admin.post('/admin/organisations', orgForm('Zone Test', { time_zone: 'Mars/Olympus' }));
  assert.equal(res.status, 422);
  page = await res.text();
  assert.equal(inputValue(page, 'time_zone'), 'Mars/Olympus');
  assert.equal(inputValue(page, 'name'), 'Zone Test');
  assert.match(fieldError(page, 'time_zone'), /time zone/);
  assert.equal(fieldError(page, 'name'), null);

  res = await admin.post('/admin/organisations', orgForm('Sector Test', { sector: 'space' }));
  assert.equal(res.status, 422);
  assert.ok(fieldError(await res.text(), 'sector'));

  assert.equal(count('organisation'), before);
  assert.equal(count('audit'), audits);
});

test('an empty, 100 KB or invalid UTF-8 name: 422 with the input kept and a message at the field', async () => {
  const admin = await client(srv).signIn('admin');
  await admin.get('/admin/organisations');
  const before = count('organisation'), audits = count('audit');

  let res = await admin.post('/admin/organisations', orgForm('   '));
  assert.equal(res.status, 422);
  let page = await res.text();
  assert.equal(inputValue(page, 'name'), '   ');
  assert.match(fieldError(page, 'name'), /fill this in/);

  const big = 'x'.repeat(100 * 1024);
  res = await admin.post('/admin/organisations', orgForm(big));
  assert.equal(res.status, 422);
  page = await res.text();
  assert.equal(inputValue(page, 'name'), big);
  assert.match(fieldError(page, 'name'), /too long/);

  // Raw bytes: %ff is no UTF-8; the page shows U+FFFD in its place.
  res = await admin.request('POST', '/admin/organisations', {
    body: `csrf=${admin.csrf}&name=Nord%FFlys&sector=housing&time_zone=Europe%2FCopenhagen`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.equal(inputValue(page, 'name'), 'Nord\uFFFDlys');
  assert.match(fieldError(page, 'name'), /characters/);

  // A line break cannot hide in a name either.
  res = await admin.post('/admin/organisations', orgForm('Two\nlines'));
  assert.equal(res.status, 422);
  assert.ok(fieldError(await res.text(), 'name'));

  assert.equal(count('organisation'), before);
  assert.equal(count('audit'), audits);
});

test('an organisation page: members listed, changes saved and audited, disable and enable', async () => {
  const admin = await client(srv).signIn('admin');
  const id = orgId(OSTERBRO);
  let page = await (await admin.get(`/admin/organisations/${id}`)).text();
  assert.match(page, new RegExp(`<a href="/admin/users/${userId('sofie')}">sofie</a></td><td>Sofie Jensen</td><td>Organisation admin</td>`));
  assert.match(page, /<a href="\/admin\/users\/[0-9a-f]{32}">karin<\/a>/);
  assert.doesNotMatch(page, />anne</);

  let res = await admin.post(`/admin/organisations/${id}`,
    { name: OSTERBRO, sector: 'social_services', time_zone: 'Europe/Berlin', status: 'disabled' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/organisations/${id}?saved=1`);
  assert.equal(one(`select time_zone from organisation where id = '${id}'`), 'Europe/Berlin');
  assert.notEqual(one(`select disabled_us from organisation where id = '${id}'`), '');
  assert.equal(one(`select detail from audit where action = 'organisation.update' order by seq desc limit 1`),
    'changed=time_zone,disabled');
  page = await (await admin.get(`/admin/organisations/${id}?saved=1`)).text();
  assert.match(page, /class="notice" role="status"/);
  assert.match(page, /<option value="disabled" selected>/);

  // Renaming to another organisation's name is refused.
  res = await admin.post(`/admin/organisations/${id}`,
    { name: NORDLYS.toUpperCase(), sector: 'social_services', time_zone: 'Europe/Berlin', status: 'active' });
  assert.equal(res.status, 422);
  assert.match(fieldError(await res.text(), 'name'), /already in use/);

  res = await admin.post(`/admin/organisations/${id}`,
    { name: OSTERBRO, sector: 'social_services', time_zone: 'Europe/Copenhagen', status: 'active' });
  assert.equal(res.status, 303);
  assert.equal(one(`select disabled_us is null from organisation where id = '${id}'`), '1');
  assert.equal(one(`select detail from audit where action = 'organisation.update' order by seq desc limit 1`),
    'changed=time_zone,enabled');
});

test('an unknown or malformed organisation id: 404', async () => {
  const admin = await client(srv).signIn('admin');
  assert.equal((await admin.get(`/admin/organisations/${'0'.repeat(32)}`)).status, 404);
  assert.equal((await admin.get('/admin/organisations/nordlys')).status, 404);
  await admin.get('/admin/organisations');
  assert.equal((await admin.post(`/admin/organisations/${'0'.repeat(32)}`, orgForm('X'))).status, 404);
});

test('only system admins open the organisation pages', async () => {
  const anne = await client(srv).signIn('anne');
  assert.equal((await anne.get('/admin/organisations')).status, 403);
  assert.equal((await anne.get(`/admin/organisations/${orgId(NORDLYS)}`)).status, 403);
  assert.equal((await anne.post('/admin/organisations', orgForm('Anne Org'))).status, 403);
  assert.equal(count('organisation', "name = 'Anne Org'"), 0);
});

test('a system admin adds an account: a one-time invitation link, no password', async () => {
  const admin = await client(srv).signIn('admin');
  let page = await (await admin.get('/admin/users')).text();
  assert.match(page, /<select id="f-org" name="org"/);
  const before = count('user_account');
  const res = await admin.post('/admin/users',
    { username: 'Ida.Berg', display_name: 'Ida Berg', kind: 'staff', org: orgId(NORDLYS), role: 'volunteer' });
  assert.equal(res.status, 200);
  page = await res.text();
  // The link starts with the address rosc listens on (no --base-url given).
  const m = new RegExp(`(${srv.url.replace(/[.]/g, '\\.')})/invite/([A-Za-z0-9_-]{43})<`).exec(page);
  assert.ok(m, 'the page shows the link');
  assert.match(page, /class="secret"/);
  assert.match(page, /only this once/);
  assert.match(page, /7 days/);
  assert.equal(count('user_account'), before + 1);
  const id = userId('Ida.Berg');
  assert.equal(one(`select username_key || '|' || kind || '|' || (CASE WHEN password_hash IS NULL THEN 1 ELSE 0 END) from user_account where id = '${id}'`),
    'ida.berg|staff|1');
  assert.equal(one(`select role from membership where user_id = '${id}'`), 'volunteer');
  const inv = one(`select purpose || '|' || ((expires_us - created_us) / 3600000000) from invitation where user_id = '${id}'`);
  assert.equal(inv, 'join|168');
  assert.equal(count('invitation', `token_hash = '${m[2]}'`), 0, 'only the hash is kept');
  assert.deepEqual(sql(`select action from audit where target = 'user:${id}' order by seq`),
    ['user.create', 'membership.set']);
  // The account's page shows it, and the link is not shown again.
  page = await (await admin.get(`/admin/users/${id}`)).text();
  assert.match(page, /<h1>Ida Berg<\/h1>/);
  assert.match(page, /Invited, no password yet/);
  assert.doesNotMatch(page, /\/invite\//);
});

test('a taken user name (in any case) or a bad one: 422 with the input kept, nothing written', async () => {
  const admin = await client(srv).signIn('admin');
  await admin.get('/admin/users');
  const users = count('user_account'), invitations = count('invitation'), audits = count('audit');
  let res = await admin.post('/admin/users', { username: 'PETER', display_name: 'Another Peter', kind: 'person', org: '', role: 'professional' });
  assert.equal(res.status, 422);
  let page = await res.text();
  assert.match(fieldError(page, 'username'), /already in use/);
  assert.equal(inputValue(page, 'username'), 'PETER');
  assert.equal(inputValue(page, 'display_name'), 'Another Peter');
  assert.match(page, /<option value="person" selected>/);

  res = await admin.post('/admin/users', { username: 'a b<script>', display_name: '', kind: 'staff', org: '', role: 'professional' });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.ok(fieldError(page, 'username'));
  assert.match(fieldError(page, 'display_name'), /fill this in/);
  assert.doesNotMatch(page, /<script>/, 'escaped');

  res = await admin.post('/admin/users', { username: 'nobody1', display_name: 'No Body', kind: 'robot' });
  assert.equal(res.status, 422);
  assert.ok(fieldError(await res.text(), 'kind'));

  res = await admin.post('/admin/users', { username: 'nobody2', display_name: 'No Body', kind: 'staff', org: 'f'.repeat(32), role: 'professional' });
  assert.equal(res.status, 422);
  assert.ok(fieldError(await res.text(), 'org'));

  assert.equal(count('user_account'), users);
  assert.equal(count('invitation'), invitations);
  assert.equal(count('audit'), audits);
});

test('an organisation admin sees and opens only their organisation\'s members', async () => {
  const anne = await client(srv).signIn('anne');
  const res = await anne.get('/admin/users');
  assert.equal(res.status, 200);
  const page = await res.text();
  const listed = [...page.matchAll(/<a href="\/admin\/users\/[0-9a-f]{32}">([^<]+)<\/a>/g)].map((m) => m[1]);
  assert.ok(listed.includes('peter') && listed.includes('karin') && listed.includes('anne'), listed.join());
  assert.ok(!listed.includes('sofie') && !listed.includes('mette') && !listed.includes('admin'), listed.join());
  assert.doesNotMatch(page, /<select id="f-org"/, 'no choice of organisation');
  assert.equal((await anne.get(`/admin/users/${userId('peter')}`)).status, 200);
  for (const name of ['sofie', 'admin', 'mette']) {
    assert.equal((await anne.get(`/admin/users/${userId(name)}`)).status, 404, name);
  }
  assert.equal((await anne.get(`/admin/users/${'0'.repeat(32)}`)).status, 404);
  assert.equal((await anne.get('/admin/users/peter')).status, 404);
  // Nor may she change them.
  await anne.get(`/admin/users/${userId('peter')}`);
  const sofie = userId('sofie');
  for (const path of ['disable', 'reset', 'roles/remove']) {
    assert.equal((await anne.post(`/admin/users/${sofie}/${path}`, { org: orgId(OSTERBRO) })).status, 404, path);
  }
  assert.equal(one(`select disabled_us is null from user_account where id = '${sofie}'`), '1');
});

test('staff who are not admins get 403 on the account pages', async () => {
  const peter = await client(srv).signIn('peter');
  assert.equal((await peter.get('/admin/users')).status, 403);
  assert.equal((await peter.get(`/admin/users/${userId('anne')}`)).status, 403);
  assert.equal((await peter.post(`/admin/users/${userId('anne')}/disable`)).status, 403);
  const mette = await client(srv).signIn('mette');
  assert.equal((await mette.get('/admin/users')).status, 403);
});

test('an organisation admin changes a role in their organisation, and only there', async () => {
  const anne = await client(srv).signIn('anne');
  const peter = userId('peter');
  await anne.get(`/admin/users/${peter}`);
  let res = await anne.post(`/admin/users/${peter}/roles`, { org: orgId(NORDLYS), role: 'coordinator' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/users/${peter}?done=role`);
  assert.equal(one(`select role from membership where user_id = '${peter}'`), 'coordinator');
  const page = await (await anne.get(`/admin/users/${peter}?done=role`)).text();
  assert.match(page, /<option value="coordinator" selected>/);
  assert.match(page, /class="notice" role="status"/);
  assert.equal(one(`select detail from audit where action = 'membership.set' and target = 'user:${peter}' order by seq desc limit 1`),
    `organisation=${orgId(NORDLYS)} role=coordinator`);

  // The right to break the glass is given on purpose, to roles with a duty of care.
  res = await anne.post(`/admin/users/${peter}/roles`, { org: orgId(NORDLYS), role: 'coordinator', glass: '0' });
  assert.equal(res.status, 303);
  assert.equal(one(`select may_break_glass from membership where user_id = '${peter}'`), '0');
  res = await anne.post(`/admin/users/${peter}/roles`, { org: orgId(NORDLYS), role: 'coordinator', glass: '1' });
  assert.equal(res.status, 303);
  assert.equal(one(`select may_break_glass from membership where user_id = '${peter}'`), '1');
  assert.equal(one(`select detail from audit where action = 'membership.set' and target = 'user:${peter}' order by seq desc limit 1`),
    `organisation=${orgId(NORDLYS)} role=coordinator emergency_access=yes`);
  assert.match(await (await anne.get(`/admin/users/${peter}`)).text(),
    /<select id="f-glass" name="glass"><option value="0">[^<]*<\/option><option value="1" selected>/);
  for (const bad of [{ role: 'volunteer', glass: '1' }, { role: 'peer_worker', glass: '1' }, { role: 'coordinator', glass: 'yes' }]) {
    res = await anne.post(`/admin/users/${peter}/roles`, { org: orgId(NORDLYS), ...bad });
    assert.equal(res.status, 422, JSON.stringify(bad));
  }
  assert.equal(one(`select role || ' ' || may_break_glass from membership where user_id = '${peter}'`), 'coordinator 1');

  // Not in another organisation, and not with a made-up role.
  res = await anne.post(`/admin/users/${peter}/roles`, { org: orgId(OSTERBRO), role: 'org_admin' });
  assert.equal(res.status, 403);
  res = await anne.post(`/admin/users/${peter}/roles`, { org: orgId(NORDLYS), role: 'boss' });
  assert.equal(res.status, 422);
  assert.ok(fieldError(await res.text(), 'role'));
  assert.equal(count('membership', `user_id = '${peter}'`), 1);
  assert.equal(one(`select role from membership where user_id = '${peter}'`), 'coordinator');
});

test('an organisation admin adds a staff member to their own organisation', async () => {
  const anne = await client(srv).signIn('anne');
  await anne.get('/admin/users');
  // An "org" field in the form is ignored: an org admin adds to their own.
  const res = await anne.post('/admin/users',
    { username: 'tove', display_name: 'Tove Friis', kind: 'staff', role: 'peer_worker', org: orgId(OSTERBRO) });
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /\/invite\/[A-Za-z0-9_-]{43}</);
  const id = userId('tove');
  assert.deepEqual(sql(`select org_id || '|' || role from membership where user_id = '${id}'`),
    [`${orgId(NORDLYS)}|peer_worker`]);
  assert.match(page, new RegExp(`href="/admin/users/${id}"`));
  assert.equal((await anne.get(`/admin/users/${id}`)).status, 200);
});

test('removing a role: the organisation admin loses sight of the account', async () => {
  const admin = await client(srv).signIn('admin');
  await admin.get('/admin/users');
  await admin.post('/admin/users', { username: 'ulla', display_name: 'Ulla Dam', kind: 'staff', org: orgId(NORDLYS), role: 'volunteer' });
  const ulla = userId('ulla');
  const anne = await client(srv).signIn('anne');
  const page = await (await anne.get(`/admin/users/${ulla}`)).text();
  assert.match(page, /action="\/admin\/users\/[0-9a-f]{32}\/roles\/remove"/);
  assert.match(page, /class="button danger"/);
  const res = await anne.post(`/admin/users/${ulla}/roles/remove`, { org: orgId(NORDLYS) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/users?done=removed');
  assert.equal(count('membership', `user_id = '${ulla}'`), 0);
  assert.equal(one(`select detail from audit where action = 'membership.remove' order by seq desc limit 1`),
    `organisation=${orgId(NORDLYS)}`);
  assert.equal((await anne.get(`/admin/users/${ulla}`)).status, 404);
  assert.equal(count('user_account', `id = '${ulla}'`), 1, 'the account stays');
});

test('disabling ends the account\'s sessions at once; enabling lets it sign in again', async () => {
  const admin = await client(srv).signIn('admin');
  await admin.get('/admin/users');
  await admin.post('/admin/users', { username: 'vera', display_name: 'Vera Holm', kind: 'staff', org: orgId(NORDLYS), role: 'professional' });
  const vera = userId('vera');
  // Give her a password the way the demo does (the invitation page is not ours).
  sql(`update user_account set password_hash = (select password_hash from user_account where username = 'peter') where id = '${vera}'`);
  const v = await client(srv).signIn('vera');
  let res = await v.get('/me/settings');
  assert.ok(!(res.headers.get('location') || '').startsWith('/signin'), 'signed in');

  const anne = await client(srv).signIn('anne');
  const page = await (await anne.get(`/admin/users/${vera}`)).text();
  assert.match(page, /action="\/admin\/users\/[0-9a-f]{32}\/disable" class="inline">.*class="button danger"/);
  res = await anne.post(`/admin/users/${vera}/disable`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/admin/users/${vera}?done=disabled`);
  assert.equal(count('session', `user_id = '${vera}'`), 0);
  assert.equal(count('invitation', `user_id = '${vera}' and expires_us > (select disabled_us from user_account where id = '${vera}')`), 0,
    'her invitation link ends too');
  res = await v.get('/me/settings');
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/signin/);
  await assert.rejects(client(srv).signIn('vera'), /answered 401/);
  const shown = await (await anne.get(`/admin/users/${vera}`)).text();
  assert.match(shown, /action="\/admin\/users\/[0-9a-f]{32}\/enable"/);

  res = await anne.post(`/admin/users/${vera}/enable`);
  assert.equal(res.status, 303);
  assert.equal(one(`select disabled_us is null from user_account where id = '${vera}'`), '1');
  await client(srv).signIn('vera');
  const tail = actions().slice(-6);
  assert.ok(tail.includes('user.disable') && tail.includes('user.enable'), tail.join());
});

test('a password reset shows a one-time link, ends sessions and older links', async () => {
  const peterC = await client(srv).signIn('peter');
  const admin = await client(srv).signIn('admin');
  const peter = userId('peter');
  await admin.get(`/admin/users/${peter}`);
  let res = await admin.post(`/admin/users/${peter}/reset`);
  assert.equal(res.status, 200);
  let page = await res.text();
  const m = /\/invite\/([A-Za-z0-9_-]{43})</.exec(page);
  assert.ok(m, 'the link is shown');
  assert.match(page, /24 hours/);
  assert.equal(count('session', `user_id = '${peter}'`), 0);
  assert.equal((await peterC.get('/me/settings')).status, 303);
  assert.equal(one(`select purpose || '|' || ((expires_us - created_us) / 3600000000) from invitation where user_id = '${peter}' order by created_us desc limit 1`),
    'reset|24');
  assert.equal(actions().at(-1), 'user.reset');
  // A second link makes the first one useless.
  await admin.get(`/admin/users/${peter}`);
  res = await admin.post(`/admin/users/${peter}/reset`);
  assert.equal(res.status, 200);
  page = await res.text();
  assert.notEqual(/\/invite\/([A-Za-z0-9_-]{43})</.exec(page)[1], m[1]);
  const newest = one(`select max(created_us) from invitation where user_id = '${peter}'`);
  assert.equal(count('invitation', `user_id = '${peter}' and used_us is null and expires_us > ${newest}`), 1,
    'only the newest link still works');
});

test('what an organisation admin may not do to accounts: 403', async () => {
  const anne = await client(srv).signIn('anne');
  const karin = userId('karin'), self = userId('anne');
  let page = await (await anne.get(`/admin/users/${karin}`)).text();
  assert.doesNotMatch(page, /\/disable"/);
  assert.doesNotMatch(page, /\/reset"/);
  assert.doesNotMatch(page, new RegExp(orgId(OSTERBRO)), 'her other organisation is not named');
  assert.equal((await anne.post(`/admin/users/${karin}/disable`)).status, 403, 'in another organisation too');
  assert.equal((await anne.post(`/admin/users/${karin}/reset`)).status, 403);
  page = await (await anne.get(`/admin/users/${self}`)).text();
  assert.doesNotMatch(page, /\/disable"/);
  assert.equal((await anne.post(`/admin/users/${self}/disable`)).status, 403, 'not herself');
  assert.equal(count('user_account', 'disabled_us is not null and username in (\'anne\', \'karin\')'), 0);
  // A system admin may, and sees every organisation of the account.
  const admin = await client(srv).signIn('admin');
  page = await (await admin.get(`/admin/users/${karin}`)).text();
  assert.match(page, new RegExp(OSTERBRO));
  assert.match(page, new RegExp(NORDLYS));
  assert.match(page, /\/disable"/);
  assert.equal((await admin.post(`/admin/users/${userId('admin')}/disable`)).status, 403, 'not himself');
});

test('a POST without its CSRF token: 403 and nothing changes', async () => {
  const admin = await client(srv).signIn('admin');
  const orgs = count('organisation'), users = count('user_account'), audits = count('audit');
  const sofie = userId('sofie');
  for (const [path, form] of [
    ['/admin/organisations', orgForm('No Token Org')],
    [`/admin/organisations/${orgId(OSTERBRO)}`, orgForm('Renamed', { status: 'disabled' })],
    ['/admin/users', { username: 'notoken', display_name: 'No Token', kind: 'person' }],
    [`/admin/users/${sofie}/disable`, {}],
    [`/admin/users/${sofie}/reset`, {}],
    [`/admin/users/${sofie}/roles`, { org: orgId(NORDLYS), role: 'volunteer' }],
  ]) {
    for (const token of ['', 'x'.repeat(43)]) {
      const res = await admin.post(path, form, { csrf: token });
      assert.equal(res.status, 403, `${path} with "${token}"`);
    }
  }
  assert.equal(count('organisation'), orgs);
  assert.equal(count('user_account'), users);
  assert.equal(count('audit'), audits);
  assert.equal(orgId(OSTERBRO).length, 32);
  assert.equal(count('membership', `user_id = '${sofie}'`), 1);
});

test('the account list pages by user name, 50 at a time', async () => {
  const values = [];
  for (let i = 0; i < 60; i++) {
    const n = `zz-page-${String(i).padStart(2, '0')}`;
    values.push(`('${'a'.repeat(30)}${String(i).padStart(2, '0')}', '${n}', '${n}', 'Page ${i}', 'person', 1)`);
  }
  sql(`insert into user_account (id, username, username_key, display_name, kind, created_us) values ${values.join(',')}`);
  const admin = await client(srv).signIn('admin');
  const names = (page) => [...page.matchAll(/<a href="\/admin\/users\/[0-9a-f]{32}">([^<]+)<\/a>/g)].map((m) => m[1]);
  const first = await (await admin.get('/admin/users')).text();
  const total = count('user_account');
  assert.equal(names(first).length, 50);
  const next = /<a href="([^"]+)" rel="next">/.exec(first);
  assert.ok(next, 'a next page link');
  const second = await (await admin.get(next[1].replaceAll('&amp;', '&'))).text();
  const all = [...names(first), ...names(second)];
  const third = /<a href="([^"]+)" rel="next">/.exec(second);
  if (third) all.push(...names(await (await admin.get(third[1])).text()));
  assert.equal(all.length, total);
  assert.equal(new Set(all).size, total, 'no account twice');
  const keys = all.map((n) => n.toLowerCase());
  assert.deepEqual(keys, [...keys].sort(), 'in order of the user name');
  const anne = await client(srv).signIn('anne');
  assert.doesNotMatch(await (await anne.get('/admin/users')).text(), /zz-page-/);
});
