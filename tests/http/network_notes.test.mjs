// The care network, journal notes and emergency access ("break the glass"),
// on the demo world: Mette Larsen's network (src/cmd/demo.c). Every read by
// staff is checked in the access log, not just on the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { spawnSync } from '../lib/run.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRosc, client, roscCli } from '../lib/rosc.mjs';
import { enableSecondFactor } from '../lib/totp.mjs';

// The server's clock is a file the tests move; it starts at the real now,
// so the demo's dates (written with the real clock) keep their meaning.
const clockDir = mkdtempSync(join(tmpdir(), 'rosc-clock-'));
chmodSync(clockDir, 0o755);   // rosc may serve as another account (nobody)
const clockFile = join(clockDir, 'now');
let now = Math.floor(Date.now() / 1000) * 1000;
function setNow(ms) { now = ms; writeFileSync(clockFile, new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z') + '\n'); }
const minutes = (n) => n * 60 * 1000;
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);

let srv, mette, jan, sam;
const sql = (q) => {
  return srv.sql(q);
};
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const userId = (name) => sql(`SELECT id FROM user_account WHERE username=${q(name)}`);
const orgId = (name) => sql(`SELECT id FROM organisation WHERE name=${q(name)}`);
const memberId = (person, username) => sql(`SELECT m.id FROM network_member m JOIN user_account u
  ON u.id = m.user_id WHERE m.person_id=${q(person)} AND u.username=${q(username)} LIMIT 1`);
const logCount = (person, username, what, why, action = null) => Number(sql(`SELECT count(*)
  FROM access_log WHERE person_id=${q(person)} AND actor_id=${q(userId(username))}
  AND what=${q(what)} AND why=${q(why)}${action ? ` AND action=${q(action)}` : ''}`));
const logAll = (person, username) => Number(sql(`SELECT count(*) FROM access_log
  WHERE person_id=${q(person)} AND actor_id=${q(userId(username))}`));
const noteCount = (person) => Number(sql(`SELECT count(*) FROM note WHERE person_id=${q(person)}`));
const section = (html, heading) => {
  const i = html.indexOf(`>${heading}</h2>`);
  if (i < 0) return '';
  const j = html.indexOf('</section>', i);
  return html.slice(i, j);
};

before(async () => {
  setNow(now);
  srv = await startRosc({ env: { ROSC_TEST_NOW: `file:${clockFile}` } });
  // The pages' words are checked in English, whatever the demo users chose.
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name='Mette Larsen'");
  jan = sql("SELECT id FROM person WHERE display_name='Jan Visser'");
  sam = sql("SELECT id FROM person WHERE display_name='Sam'");
  assert.match(mette, /^[0-9a-f]{32}$/, 'the demo has Mette Larsen');
  // The demo has Mette share notes and messages with Karin by name (their
  // thread); the tests here are about someone she has not shared notes with.
  sql(`DELETE FROM consent WHERE person_id = '${mette}' AND category = 'notes' AND recipient_member_id IN
    (SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id WHERE u.username = 'karin')`);
});
after(async () => { await srv.stop(); rmSync(clockDir, { recursive: true, force: true }); });

test('the network: current members, past ones as history, forms only for duty staff', async () => {
  const peter = await client(srv).signIn('peter');
  const res = await peter.get(`/persons/${mette}/network`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const nowPart = section(html, 'In the network now'), past = section(html, 'Earlier in the network');
  for (const name of ['Peter Sørensen', 'Karin Madsen', 'Henrik Lund', 'Jonas Kristensen', 'Birgit Larsen'])
    assert.match(nowPart, new RegExp(name));
  assert.match(nowPart, /Socialforvaltningen Østerbro/);
  assert.match(nowPart, /Coordinator/);
  assert.match(past, /Mia Nielsen/);
  assert.doesNotMatch(nowPart, /Mia Nielsen/);
  assert.match(html, /Add a staff member/);
  assert.match(html, /Add family or a supporter/);
  assert.ok(logCount(mette, 'peter', 'basic', 'duty', 'read') >= 1, 'the read is logged');

  // The person sees her network, without the forms, and cannot add.
  const m = await client(srv).signIn('mette');
  const own = await (await m.get(`/persons/${mette}/network`)).text();
  assert.match(own, /Karin Madsen/);
  assert.doesNotMatch(own, /Add a staff member|\/network\/[0-9a-f]{32}\/end/);
  const r = await m.post(`/persons/${mette}/network`, { kind: 'family', fam_name: 'Someone', fam_role: 'family', fam_from: ymd(now) });
  assert.equal(r.status, 403);

  // Karin (Østerbro, consent for basic details) sees it too; no forms.
  const karin = await client(srv).signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  const kh = await (await karin.get(`/persons/${mette}/network`)).text();
  assert.match(kh, /Henrik Lund/);
  assert.doesNotMatch(kh, /Add a staff member/);
  assert.ok(logCount(mette, 'karin', 'basic', 'consent', 'read') >= 1);
  // Lars, never in her network: the same 404 as for no one at all.
  const lars = await client(srv).signIn('lars');
  assert.equal((await lars.get(`/persons/${mette}/network`)).status, 404);
  assert.equal((await lars.get('/persons/0123456789abcdef0123456789abcdef/network')).status, 404);
  assert.equal(logAll(mette, 'lars'), 0);
});

test('peter adds a family member and a volunteer; bad additions come back at the field', async () => {
  const peter = await client(srv).signIn('peter');
  await peter.get(`/persons/${mette}/network`);
  const audits = Number(sql("SELECT count(*) FROM audit WHERE action='network.add'"));

  // Someone without an account: a name and how to reach them.
  let res = await peter.post(`/persons/${mette}/network`, {
    kind: 'family', fam_username: '', fam_name: 'Ole Larsen', fam_contact: '+45 20 30 40 50',
    fam_role: 'family', fam_from: ymd(now),
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/network?done=added`);
  let html = await (await peter.get(res.headers.get('location'))).text();
  assert.match(html, /role="status">They are in the network now/);
  assert.match(section(html, 'In the network now'), /Ole Larsen[\s\S]*Family[\s\S]*\+45 20 30 40 50/);
  assert.equal(sql(`SELECT count(*) FROM network_member WHERE person_id=${q(mette)} AND name='Ole Larsen' AND user_id IS NULL`), '1');
  assert.equal(Number(sql("SELECT count(*) FROM audit WHERE action='network.add'")), audits + 1);
  assert.equal(sql(`SELECT target FROM audit WHERE action='network.add' ORDER BY seq DESC LIMIT 1`), `person:${mette}`);
  assert.equal(sql(`SELECT actor_id FROM audit WHERE action='network.add' ORDER BY seq DESC LIMIT 1`), userId('peter'));

  // Birgit is in the network already.
  res = await peter.post(`/persons/${mette}/network`, { kind: 'family', fam_username: 'birgit', fam_name: '', fam_role: 'family', fam_from: ymd(now) });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /already in the network/);
  assert.match(html, /id="f-fam_username"[^>]*aria-invalid="true"/);
  // Neither a name nor an account; a staff account in the family form.
  res = await peter.post(`/persons/${mette}/network`, { kind: 'family', fam_username: '', fam_name: ' ', fam_role: 'family', fam_from: ymd(now) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-fam_name"[^>]*aria-invalid="true"/);
  res = await peter.post(`/persons/${mette}/network`, { kind: 'family', fam_username: 'lars', fam_name: '', fam_role: 'supporter', fam_from: ymd(now) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /not a family or supporter account/);

  // Staff: an unknown user name, one not in that organisation, a bad date, a bad role.
  const folgeskab = orgId('Frivilligcenter Følgeskab');
  const staff = (f) => peter.post(`/persons/${mette}/network`, { kind: 'staff', org: folgeskab, username: 'else', role: 'volunteer', contact: '', from: ymd(now), ...f });
  res = await staff({ username: 'nosuchuser' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /No account has this user name/);
  assert.match(html, /id="f-username"[^>]*aria-invalid="true"/);
  assert.match(html, /value="nosuchuser"/, 'input kept');
  res = await staff({ username: 'mia' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /not a staff member of the chosen organisation/);
  res = await staff({ from: '2026-02-30' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-from"[^>]*aria-invalid="true"/);
  res = await staff({ role: 'family' });
  assert.equal(res.status, 422);
  res = await staff({ org: 'nonsense' });
  assert.equal(res.status, 422);
  assert.equal(Number(sql("SELECT count(*) FROM audit WHERE action='network.add'")), audits + 1, 'nothing written');

  // Else (a volunteer at Følgeskab) joins; Mette has shared nothing with
  // Følgeskab, so she is told so, not pretended away.
  res = await staff({ contact: 'else@folgeskab.example' });
  assert.equal(res.status, 303);
  res = await staff({});
  assert.equal(res.status, 422, 'the same current user twice');
  assert.match(await res.text(), /already in the network/);
  const elseC = await client(srv).signIn('else');
  res = await elseC.get(`/persons/${mette}/network`);
  assert.equal(res.status, 403);
  assert.match(await res.text(), /Basic details/);
});

test('ending a place ends the access it gave, at once: 403, not 404', async () => {
  const jonas = await client(srv).signIn('jonas');
  assert.equal((await jonas.get(`/persons/${mette}/network`)).status, 200);
  assert.ok(logCount(mette, 'jonas', 'basic', 'consent') >= 1);

  const peter = await client(srv).signIn('peter');
  const page = await (await peter.get(`/persons/${mette}/network`)).text();
  const mid = memberId(mette, 'jonas');
  assert.match(page, new RegExp(`action="/persons/${mette}/network/${mid}/end"`));
  // Someone else's member id in Mette's address is not found.
  const samMember = sql(`SELECT id FROM network_member WHERE person_id=${q(sam)} LIMIT 1`);
  assert.equal((await peter.post(`/persons/${mette}/network/${samMember}/end`)).status, 404);
  assert.equal((await peter.post(`/persons/${mette}/network/nonsense/end`)).status, 404);
  // Jonas cannot end places himself (no duty).
  assert.equal((await jonas.post(`/persons/${mette}/network/${memberId(mette, 'henrik')}/end`)).status, 403);

  const res = await peter.post(`/persons/${mette}/network/${mid}/end`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}/network?done=ended`);
  const until = sql(`SELECT until_date FROM network_member WHERE person_id=${q(mette)} AND id=${q(mid)}`);
  assert.ok(until < ymd(now), `ended before today: ${until}`);
  assert.equal(sql(`SELECT target || ' ' || detail FROM audit WHERE action='network.end' ORDER BY seq DESC LIMIT 1`),
    `person:${mette} member:${mid}`);
  const html = await (await peter.get(`/persons/${mette}/network`)).text();
  assert.match(section(html, 'Earlier in the network'), /Jonas Kristensen/);
  assert.doesNotMatch(section(html, 'In the network now'), /Jonas Kristensen/);
  // Jonas now learns that it is not shared with him; his session goes on.
  const after = await jonas.get(`/persons/${mette}/network`);
  assert.equal(after.status, 403);
  assert.match(await after.text(), /has not shared this with you/);
  // Ending it again changes nothing and is not an error.
  const audits = sql("SELECT count(*) FROM audit WHERE action='network.end'");
  assert.equal((await peter.post(`/persons/${mette}/network/${mid}/end`)).status, 303);
  assert.equal(sql("SELECT count(*) FROM audit WHERE action='network.end'"), audits);
});

test('notes: who may read them, and plain words for who may not', async () => {
  const mia = await client(srv).signIn('mia');
  let res = await mia.get(`/persons/${mette}/notes`);
  assert.equal(res.status, 403, 'mia was in the network');
  assert.match(await res.text(), /Journal notes/);

  const karin = await client(srv).signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  res = await karin.get(`/persons/${mette}/notes`);
  assert.equal(res.status, 403);
  const html = await res.text();
  assert.match(html, /The person has not shared this with you: Journal notes\./);
  assert.doesNotMatch(html, /Oplysninger fra tredjepart/);
  assert.equal(logCount(mette, 'karin', 'notes', 'consent'), 0, 'a refusal reads nothing');

  const lars = await client(srv).signIn('lars');
  assert.equal((await lars.get(`/persons/${mette}/notes`)).status, 404);

  // Peter reads them by duty, restricted ones marked with their reason.
  const peter = await client(srv).signIn('peter');
  const before = logCount(mette, 'peter', 'notes', 'duty', 'read');
  res = await peter.get(`/persons/${mette}/notes`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /<div class="note-body" lang="da">/);
  assert.match(page, /Not shown to Mette Larsen: /);
  assert.match(page, /Notes are visible to the person by default/);
  assert.equal(logCount(mette, 'peter', 'notes', 'duty', 'read'), before + 1);

  // The person reads her notes on her own page.
  const m = await client(srv).signIn('mette');
  res = await m.get(`/persons/${mette}/notes`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/me/notes');
  assert.equal(logAll(mette, 'mette'), 0, "the person's own reading is not logged");
});

test('peter writes a note; bad input comes back kept, and nothing is written', async () => {
  const peter = await client(srv).signIn('peter');
  await peter.get(`/persons/${mette}/notes`);
  const n0 = noteCount(mette);
  const note = (f) => peter.post(`/persons/${mette}/notes`, { body: 'Talte om at søge arbejde.', lang: 'da', restricted: 'no', reason: '', ...f });

  let res = await note({ body: 'Mette <b>kom</b> til tiden.\n\nNæste gang: boligen.' });
  assert.equal(res.status, 303);
  const loc = new RegExp(`^/persons/${mette}/notes\\?saved=1#note-([0-9a-f]{32})$`).exec(res.headers.get('location'));
  assert.ok(loc, res.headers.get('location'));
  assert.equal(noteCount(mette), n0 + 1);
  const nid = loc[1];
  assert.equal(sql(`SELECT restricted || body_lang || author_org_id FROM note WHERE person_id=${q(mette)} AND id=${q(nid)}`),
    `0da${orgId('Behandlingscenter Nordlys')}`);
  assert.equal(sql(`SELECT target || ' ' || detail FROM audit WHERE action='note.create' ORDER BY seq DESC LIMIT 1`),
    `person:${mette} note:${nid}`);
  assert.ok(logCount(mette, 'peter', 'notes', 'duty', 'write') >= 1, 'the write is logged');
  let html = await (await peter.get(`/persons/${mette}/notes?saved=1`)).text();
  assert.match(html, /The note is saved/);
  // Newest first, escaped, paragraphs kept.
  const first = /<ol class="notes">(<li class="note" id="note-([0-9a-f]{32})">[\s\S]*?<\/li>)/.exec(html);
  assert.equal(first[2], nid, 'newest first');
  assert.match(first[1], /<div class="note-body" lang="da"><p>Mette &lt;b&gt;kom&lt;\/b&gt; til tiden\.<\/p><p>Næste gang: boligen\.<\/p><\/div>/);
  assert.match(first[1], /Peter Sørensen, Behandlingscenter Nordlys/);
  assert.doesNotMatch(first[1], /Not shown to/);

  // A restricted note needs a reason; without one the input is kept.
  res = await note({ body: 'Bekymring fra familien.', restricted: 'yes', reason: '' });
  assert.equal(res.status, 422);
  html = await res.text();
  assert.match(html, /id="f-reason"[^>]*aria-invalid="true"/);
  assert.match(html, /<textarea id="f-body" name="body"[^>]*>\nBekymring fra familien\.<\/textarea>/);
  assert.match(html, /<option value="yes" selected>/);
  assert.doesNotMatch(html, /Notes, newest first/, 'an unlogged answer shows no notes');
  assert.equal(noteCount(mette), n0 + 1);
  for (const bad of [{ body: '' }, { body: '   \n' }, { body: 'x'.repeat(100 * 1024) }, { lang: 'fr' },
    { restricted: 'maybe' }, { restricted: 'yes', reason: 'r'.repeat(501) }]) {
    res = await note(bad);
    assert.equal(res.status, 422, JSON.stringify(bad).slice(0, 60));
  }
  // Invalid UTF-8 in the body.
  res = await peter.request('POST', `/persons/${mette}/notes`, {
    body: `csrf=${encodeURIComponent(peter.csrf)}&body=%C3%28ok&lang=da&restricted=no&reason=`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-body"[^>]*aria-invalid="true"/);
  assert.equal(noteCount(mette), n0 + 1, 'nothing written');

  setNow(now + 1000);   // the frozen test clock moves on, so newest first is defined
  res = await note({ body: 'Bekymring fra familien.', lang: 'da', restricted: 'yes', reason: 'Oplysninger fra en tredjepart, endnu ikke talt med Mette.' });
  assert.equal(res.status, 303);
  const rid = /#note-([0-9a-f]{32})$/.exec(res.headers.get('location'))[1];
  assert.equal(sql(`SELECT restricted || ':' || restricted_reason FROM note WHERE person_id=${q(mette)} AND id=${q(rid)}`),
    '1:Oplysninger fra en tredjepart, endnu ikke talt med Mette.');
  assert.match(sql("SELECT detail FROM audit WHERE action='note.create' ORDER BY seq DESC LIMIT 1"), / restricted$/);
  html = await (await peter.get(`/persons/${mette}/notes`)).text();
  assert.match(html, new RegExp(`<ol class="notes"><li class="note" id="note-${rid}">[\\s\\S]*?Not shown to Mette Larsen: Oplysninger fra en tredjepart, endnu ikke talt med Mette\\.`));

  // Those who may not read notes may not write them either.
  const karin = await client(srv).signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  await karin.get('/');
  assert.equal((await karin.post(`/persons/${mette}/notes`, { body: 'x', lang: 'da', restricted: 'no' })).status, 403);
  const m = await client(srv).signIn('mette');
  assert.equal((await m.post(`/persons/${mette}/notes`, { body: 'x', lang: 'da', restricted: 'no' })).status, 403);
  assert.equal(noteCount(mette), n0 + 2);
});

test('emergency access: exact national id, a reason, four hours, then gone', async () => {
  const lars = await client(srv).signIn('lars');

  // Only the exact id finds her, and nothing about her shows.
  let res = await lars.get('/persons/find?nid=010190-1234');
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /A person with this national id is registered in rosc\./);
  assert.match(html, new RegExp(`href="/persons/${mette}/emergency"`));
  assert.doesNotMatch(html, /Mette|Larsen/);
  for (const nid of ['010190', '010190-123', '010190-12345', '%25', '010190-1234%27--', '']) {
    html = await (await lars.get(`/persons/find?nid=${nid}`)).text();
    assert.match(html, /No person with exactly this national id\./, nid);
    assert.doesNotMatch(html, /is registered in rosc/, nid);
  }
  // Finding her outside his care is itself in her log, and nothing more.
  assert.equal(logAll(mette, 'lars'), 1, 'the search, and no read');
  assert.equal(sql(`SELECT what || ' ' || action || ' ' || why FROM access_log
    WHERE person_id = ${q(mette)} AND actor_id = ${q(userId('lars'))}`), 'search read emergency');
  // Staff who may not break the glass learn nothing: not even that she exists.
  for (const who of ['else', 'mia', 'fleur']) {
    const c = await client(srv).signIn(who);
    html = await (await c.get('/persons/find?nid=010190-1234')).text();
    assert.match(html, /No person with exactly this national id\./, who);
    assert.doesNotMatch(html, /registered in rosc|emergency/, who);
    for (const id of [mette, '0123456789abcdef0123456789abcdef']) {
      res = await c.get(`/persons/${id}/emergency`);
      assert.equal(res.status, 404, who);
      res = await c.post(`/persons/${id}/emergency`, { reason: '' });
      assert.equal(res.status, 404, who);
    }
    assert.equal(logAll(mette, who), 0, who);
  }
  // Peter may read her already: the link goes to the record.
  const peter = await client(srv).signIn('peter');
  html = await (await peter.get('/persons/find?nid=010190-1234')).text();
  assert.match(html, new RegExp(`href="/persons/${mette}"`));
  // Not for those who are not staff.
  const m = await client(srv).signIn('mette');
  assert.notEqual((await m.get('/persons/find?nid=010190-1234')).status, 200);

  // The form: the name only for those who may see it.
  res = await lars.get(`/persons/${mette}/emergency`);
  assert.equal(res.status, 200);
  html = await res.text();
  assert.match(html, /Emergency access lasts 4 hours\. The person will see that you opened their record, when and why\./);
  assert.doesNotMatch(html, /Mette/);
  assert.equal((await lars.get('/persons/0123456789abcdef0123456789abcdef/emergency')).status, 404);
  assert.equal((await lars.get('/persons/nonsense/emergency')).status, 404);
  assert.equal((await lars.post('/persons/0123456789abcdef0123456789abcdef/emergency', { reason: 'x' })).status, 404);
  const karin = await client(srv).signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  assert.match(await (await karin.get(`/persons/${mette}/emergency`)).text(),
    /Emergency access lasts 4 hours\. Mette Larsen will see that you opened their record/);

  // Breaking the glass needs a second factor, confirmed at this sign-in.
  res = await lars.post(`/persons/${mette}/emergency`, { reason: 'x' });
  assert.equal(res.status, 403);
  const { secret } = await enableSecondFactor(lars, now);

  // A reason is required.
  await lars.get(`/persons/${mette}/emergency`);
  res = await lars.post(`/persons/${mette}/emergency`, { reason: '  ' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-reason"[^>]*aria-invalid="true"/);
  res = await lars.post(`/persons/${mette}/emergency`, { reason: 'x'.repeat(501) });
  assert.equal(res.status, 422);
  assert.equal(sql(`SELECT count(*) FROM emergency_access WHERE person_id=${q(mette)}`), '0');

  const reason = 'Brought in unconscious to the surgery; need her medication and contacts.';
  res = await lars.post(`/persons/${mette}/emergency`, { reason });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/persons/${mette}`);
  assert.equal(sql(`SELECT reason || '|' || (expires_us - started_us) || '|' || org_id FROM emergency_access
    WHERE person_id=${q(mette)} AND user_id=${q(userId('lars'))}`),
    `${reason}|${4 * 3600 * 1000000}|${orgId('Lægehuset Søndermarken')}`);
  assert.equal(sql(`SELECT target || '|' || detail || '|' || actor_org_id FROM audit WHERE action='emergency.start' ORDER BY seq DESC LIMIT 1`),
    `person:${mette}|${reason}|${orgId('Lægehuset Søndermarken')}`);

  // Now lars reads her overview and notes, and each read is logged as emergency.
  res = await lars.get(`/persons/${mette}`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Mette Larsen/);
  assert.ok(logCount(mette, 'lars', 'basic', 'emergency', 'read') >= 1);
  res = await lars.get(`/persons/${mette}/notes`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Journal notes about Mette Larsen/);
  // Two reads of notes: the overview's latest note, then the notes page.
  assert.equal(logCount(mette, 'lars', 'notes', 'emergency', 'read'), 2);
  html = await (await lars.get(`/persons/${mette}/emergency`)).text();
  assert.match(html, /You have emergency access to this record until/);
  html = await (await lars.get('/persons/find?nid=010190-1234')).text();
  assert.match(html, new RegExp(`href="/persons/${mette}"`));
  // Emergency access is for reading her record, not managing her network.
  await lars.get(`/persons/${mette}/network`);
  assert.equal((await lars.post(`/persons/${mette}/network`, { kind: 'family', fam_name: 'X', fam_role: 'family', fam_from: ymd(now) })).status, 404);

  // Four hours and a minute later it has ended by itself: 404 again
  // (lars was never in her network). Sessions end after an hour idle, so
  // he signs in again.
  setNow(now + minutes(4 * 60 + 1));
  const later = await client(srv).signIn('lars', undefined, { totp: { secret, ms: now } });
  const reads = logAll(mette, 'lars');
  assert.equal((await later.get(`/persons/${mette}/notes`)).status, 404);
  assert.equal((await later.get(`/persons/${mette}`)).status, 404);
  assert.equal(logAll(mette, 'lars'), reads, 'nothing read, nothing logged');
  html = await (await later.get(`/persons/${mette}/emergency`)).text();
  assert.doesNotMatch(html, /You have emergency access/);

  // The audit chain is intact and holds the emergency.
  const v = roscCli(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stderr);
});

test('every staff read of Mette is in the access log with who, what and why', () => {
  const rows = sql(`SELECT u.username || ' ' || l.what || ' ' || l.action || ' ' || l.why FROM access_log l
    JOIN user_account u ON u.id = l.actor_id WHERE l.person_id=${q(mette)} GROUP BY 1 ORDER BY 1`).split('\n');
  for (const want of ['peter notes read duty', 'peter notes write duty', 'peter basic read duty',
    'karin basic read consent', 'jonas basic read consent', 'lars notes read emergency', 'lars basic read emergency',
    'lars search read emergency'])
    assert.ok(rows.includes(want), `${want} in\n${rows.join('\n')}`);
  assert.ok(!rows.some((r) => r.startsWith('mette ')), 'not the person herself');
  assert.ok(!rows.some((r) => r.startsWith('mia ')), 'not a refused read');
});
