// The FHIR API's network, consents, staff and directory: RelatedPerson,
// CareTeam and Consent (a person's, through the door), Practitioner and
// PractitionerRole (the caller's own, their organisation's, and for a
// person the staff of their own network), and
// Organization, HealthcareService and Location (public to anyone signed in).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';
import { fhirToken, fhirGet } from '../lib/fhir.mjs';
import { ACTORS, setConsent, expected, logged } from '../lib/consent.mjs';

let srv;
const tokens = {};
const USERS = ['mette', 'peter', 'karin', 'henrik', 'jonas', 'birgit', 'mia', 'lars', 'anne'];
before(async () => {
  srv = await startRosc();
  for (const u of USERS) tokens[u] = await fhirToken(srv, u);
  // Karin works for two organisations; her token acts for Østerbro, as
  // the consent matrix has her.
  const c = client(srv);
  await c.signIn('karin', undefined, { orgName: 'Socialforvaltningen Østerbro' });
  await c.get('/me/settings');
  const m = /<p class="secret">([A-Za-z0-9_-]{43})<\/p>/.exec(await (await c.post('/me/tokens', { name: 'fhir' })).text());
  tokens.karin = m[1];
});
after(async () => { await srv.stop(); });

const sql = (q) => srv.sql(q);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const personOf = (u) => sql(`SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = ${q(u)}`);
const userOf = (u) => sql(`SELECT id FROM user_account WHERE username = ${q(u)}`);
const orgOf = (name) => sql(`SELECT id FROM organisation WHERE name = ${q(name)}`);
const get = (user, path) => fhirGet(srv, user ? tokens[user] : null, path);
const json = async (user, path) => {
  const res = await get(user, path);
  assert.equal(res.status, 200, `${user} ${path}`);
  return res.json();
};
const resources = (b, type) => b.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource);
const MISSING = '0'.repeat(32);

/** Follows a search's next links; every resource id seen, in order. */
async function pageAll(user, url) {
  const seen = [];
  for (let i = 0; url && i < 200; i++) {
    const b = await json(user, url);
    for (const e of b.entry) if (e.search.mode === 'match') seen.push(e.resource.id);
    const next = b.link.find((l) => l.relation === 'next');
    url = next ? next.url.replace(/^https?:\/\/[^/]+/, '') : null;
  }
  return seen;
}

// --- RelatedPerson and CareTeam -------------------------------------------

test('RelatedPerson: her family and supporters, not her staff; read, search, a stranger gets a 404', async () => {
  const mette = personOf('mette');
  const b = await json('mette', '/fhir/R4/RelatedPerson');
  const rps = resources(b, 'RelatedPerson');
  const birgit = rps.find((r) => r.name[0].text === 'Birgit Larsen');
  assert.ok(birgit, 'her sister is there');
  assert.equal(birgit.patient.reference, `Patient/${mette}`);
  assert.equal(birgit.active, true);
  assert.deepEqual(birgit.relationship[0].coding.map((c) => c.code), ['family', 'FAMMEMB']);
  assert.equal(birgit.telecom[0].system, 'phone');
  assert.equal(birgit.period.start, '2025-09-01');
  const lone = rps.find((r) => r.name[0].text === 'Lone (nabo)');
  assert.ok(lone, 'her neighbour, without an account, is there');
  assert.ok(lone.relationship[0].coding.some((c) => c.code === 'FRND'));
  assert.ok(!rps.some((r) => /Peter|Karin|Jonas/.test(r.name[0].text)), 'staff are not related persons');

  const one = await json('mette', `/fhir/R4/RelatedPerson/${birgit.id}`);
  assert.deepEqual(one, birgit);
  let s = await json('mette', '/fhir/R4/RelatedPerson?name=birg');
  assert.deepEqual(resources(s, 'RelatedPerson').map((r) => r.id), [birgit.id]);
  s = await json('mette', `/fhir/R4/RelatedPerson?relationship=FAMMEMB`);
  assert.ok(resources(s, 'RelatedPerson').every((r) => r.relationship[0].coding[0].code === 'family'));
  s = await json('mette', `/fhir/R4/RelatedPerson?patient=Patient/${mette}&active=true&_id=${lone.id}`);
  assert.deepEqual(resources(s, 'RelatedPerson').map((r) => r.id), [lone.id]);

  // Peter (her home organisation) reads it by duty, and it is in her log.
  const before = logged(sql, mette, 'peter', 'basic');
  await json('peter', `/fhir/R4/RelatedPerson/${birgit.id}`);
  assert.equal(logged(sql, mette, 'peter', 'basic'), before + 1);
  // Lars is a stranger to her: exactly as a missing id.
  const stranger = await get('lars', `/fhir/R4/RelatedPerson/${birgit.id}`);
  const missing = await get('lars', `/fhir/R4/RelatedPerson/${MISSING}`);
  assert.equal(stranger.status, 404);
  assert.deepEqual(await stranger.json(), await missing.json());
  assert.equal(logged(sql, mette, 'lars', 'basic'), 0);
});

test('CareTeam: the whole network, staff as PractitionerRole, family as RelatedPerson', async () => {
  const mette = personOf('mette');
  const team = await json('mette', `/fhir/R4/CareTeam/${mette}`);
  assert.equal(team.subject.reference, `Patient/${mette}`);
  assert.equal(team.status, 'active');
  const refs = team.participant.map((p) => p.member.reference || '');
  const peterRole = `PractitionerRole/${userOf('peter')}${orgOf('Behandlingscenter Nordlys')}`;
  assert.ok(refs.includes(peterRole), 'Peter in his role at Nordlys');
  assert.ok(refs.some((r) => r.startsWith('RelatedPerson/')), 'her family');
  const mia = team.participant.find((p) => p.member.display === 'Mia Nielsen');
  assert.equal(mia.period.end, '2026-01-31', 'a former member, with when she left');
  const peter = team.participant.find((p) => p.member.reference === peterRole);
  assert.equal(peter.role[0].coding[0].code, 'professional');
  const s = await json('mette', `/fhir/R4/CareTeam?participant=${peterRole}`);
  assert.equal(s.total, 1);
  assert.equal((await json('mette', '/fhir/R4/CareTeam?participant=PractitionerRole/nobody')).total, 0);
  // Read by staff: logged; a stranger: a 404 as for nobody.
  const before = logged(sql, mette, 'peter', 'basic');
  await json('peter', `/fhir/R4/CareTeam/${mette}`);
  assert.equal(logged(sql, mette, 'peter', 'basic'), before + 1);
  const stranger = await get('lars', `/fhir/R4/CareTeam/${mette}`);
  const missing = await get('lars', `/fhir/R4/CareTeam/${MISSING}`);
  assert.equal(stranger.status, 404);
  assert.deepEqual(await stranger.json(), await missing.json());
});

test('RelatedPerson and CareTeam follow her consent to basic details, and say what is withheld', async () => {
  const mette = personOf('mette');
  const birgitId = resources(await json('mette', '/fhir/R4/RelatedPerson?name=Birgit'), 'RelatedPerson')[0].id;
  try {
    for (const state of ['given', 'withdrawn', 'expired']) {
      setConsent(sql, mette, state, ['basic']);
      for (const [who, relation] of Object.entries(ACTORS)) {
        const want = expected(relation, state);
        for (const [type, id] of [['RelatedPerson', birgitId], ['CareTeam', mette]]) {
          const before = logged(sql, mette, who, 'basic');
          const read = await get(who, `/fhir/R4/${type}/${id}`);
          assert.equal(read.status, want === 200 ? 200 : 404, `${who} ${state} ${type} read`);
          if (who !== 'mette')
            assert.equal(logged(sql, mette, who, 'basic'), before + (want === 200 ? 1 : 0), `${who} ${state} ${type} log`);
          const b = await json(who, `/fhir/R4/${type}?patient=${mette}`);
          if (want === 200) {
            assert.ok(b.total >= 1, `${who} ${state} ${type} search`);
            assert.equal(b.meta, undefined);
          } else {
            assert.equal(b.total, 0, `${who} ${state} ${type} search`);
            // Someone who knows her is told something is withheld; a
            // stranger gets what nobody's id gets.
            if (want === 403) {
              assert.equal(b.meta.security[0].code, 'REDACTED');
              assert.equal(b.entry.find((e) => e.search.mode === 'outcome').resource.issue[0].code, 'suppressed');
            } else {
              assert.equal(b.meta, undefined);
            }
          }
        }
      }
    }
  } finally {
    setConsent(sql, mette, 'given', ['basic', 'plan']);
  }
});

// --- Consent ----------------------------------------------------------------

test('Consent: hers alone, as on her consent page; statuses, recipients, search', async () => {
  const mette = personOf('mette');
  setConsent(sql, mette, 'given', ['basic', 'plan']);
  sql(`UPDATE consent SET granted = 0, until_date = NULL WHERE person_id = '${mette}' AND id = 'c0'`);
  sql(`UPDATE consent SET until_date = '2001-01-01' WHERE person_id = '${mette}' AND id = 'c1'`);
  sql(`UPDATE consent SET purpose = 'housing help', updated_us = 1765100000000000 WHERE person_id = '${mette}' AND id = 'c2'`);
  const b = await json('mette', '/fhir/R4/Consent');
  const ks = resources(b, 'Consent');
  assert.equal(ks.length, 8);
  const byId = Object.fromEntries(ks.map((k) => [k.id, k]));
  assert.equal(byId.c0.status, 'rejected');
  assert.equal(byId.c0.provision.type, 'deny');
  assert.equal(byId.c1.status, 'inactive');
  assert.equal(byId.c1.provision.period.end, '2001-01-01');
  const k = byId.c2;
  assert.equal(k.status, 'active');
  assert.equal(k.scope.coding[0].code, 'patient-privacy');
  assert.deepEqual(k.category[0].coding[0], { system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' });
  assert.equal(k.patient.reference, `Patient/${mette}`);
  assert.equal(k.provision.type, 'permit');
  assert.equal(k.provision.code[0].coding[0].system, 'urn:rosc:fhir:consent-category');
  assert.equal(k.extension[0].valueString, 'housing help');
  assert.match(k.dateTime, /^2025-12-07T09:33:20(\.0+)?Z$/);
  const actors = ks.map((x) => x.provision.actor[0].reference.reference);
  assert.ok(actors.includes(`Organization/${orgOf('Boligselskabet Havnely')}`));
  const birgit = sql(`SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id WHERE m.person_id = '${mette}' AND u.username = 'birgit'`);
  assert.ok(actors.includes(`RelatedPerson/${birgit}`), 'her sister, by name');
  assert.ok(actors.some((r) => r && r.startsWith('PractitionerRole/')), 'her peer worker, by name');

  assert.deepEqual(resources(await json('mette', '/fhir/R4/Consent?status=active'), 'Consent').every((x) => x.status === 'active'), true);
  let s = await json('mette', `/fhir/R4/Consent?actor=RelatedPerson/${birgit}`);
  assert.equal(s.total, 2);
  s = await json('mette', '/fhir/R4/Consent?category=http://loinc.org|59284-0&scope=patient-privacy');
  assert.equal(s.total, 8);
  s = await json('mette', '/fhir/R4/Consent?period=lt2002-01-01');
  assert.deepEqual(resources(s, 'Consent').map((x) => x.id), ['c1']);
  assert.deepEqual(await json('mette', '/fhir/R4/Consent/c2'), k);

  // Nobody else reads her consents, not even by duty: a 404 as for a
  // missing one, and an empty search, with nothing in her log.
  for (const who of Object.keys(ACTORS)) {
    const read = await get(who, '/fhir/R4/Consent/c2');
    const missing = await get(who, '/fhir/R4/Consent/nothing-here');
    assert.equal(read.status, 404, who);
    assert.deepEqual(await read.json(), await missing.json());
    const sb = await json(who, `/fhir/R4/Consent?patient=${mette}`);
    assert.equal(sb.total, 0, who);
    assert.equal(sb.meta, undefined, who);
  }
  setConsent(sql, mette, 'given', ['basic', 'plan']);
});

// --- Practitioner and PractitionerRole ------------------------------------

test('Practitioner: oneself, the colleagues of the organisation one acts for, a person\'s own network; nobody else', async () => {
  const [peter, anne, karin, lars] = ['peter', 'anne', 'karin', 'lars'].map(userOf);
  const nordlys = orgOf('Behandlingscenter Nordlys');
  const me = await json('peter', `/fhir/R4/Practitioner/${peter}`);
  assert.equal(me.name[0].text, 'Peter Sørensen');
  assert.equal(me.active, true);
  const b = await json('peter', '/fhir/R4/Practitioner');
  const ids = resources(b, 'Practitioner').map((p) => p.id);
  for (const id of [peter, anne, karin]) assert.ok(ids.includes(id));
  assert.ok(!ids.includes(lars));
  assert.deepEqual(resources(await json('peter', '/fhir/R4/Practitioner?name=ann'), 'Practitioner').map((p) => p.id), [anne]);
  // Lars (another organisation) does not see Peter: exactly a missing id.
  const other = await get('lars', `/fhir/R4/Practitioner/${peter}`);
  const missing = await get('lars', `/fhir/R4/Practitioner/${MISSING}`);
  assert.equal(other.status, 404);
  assert.deepEqual(await other.json(), await missing.json());
  // Family see no staff accounts at all.
  assert.equal((await get('birgit', `/fhir/R4/Practitioner/${peter}`)).status, 404);
  assert.equal((await json('birgit', '/fhir/R4/Practitioner')).total, 0);
  assert.equal((await json('birgit', '/fhir/R4/PractitionerRole')).total, 0);
  // A person sees the staff of her own network, as her network page
  // does (Mia, who left, too), and no one else.
  const mine = resources(await json('mette', '/fhir/R4/Practitioner'), 'Practitioner').map((p) => p.name[0].text).sort();
  assert.deepEqual(mine, ['Henrik Lund', 'Jonas Kristensen', 'Karin Madsen', 'Mia Nielsen', 'Peter Sørensen']);
  assert.equal((await json('mette', `/fhir/R4/Practitioner/${peter}`)).id, peter);
  assert.equal((await get('mette', `/fhir/R4/Practitioner/${anne}`)).status, 404);
  const team = await json('mette', `/fhir/R4/CareTeam/${personOf('mette')}`);
  const roleRefs = team.participant.map((p) => p.member.reference).filter((r) => r && r.startsWith('PractitionerRole/'));
  for (const ref of roleRefs) {
    const role = await json('mette', `/fhir/R4/${ref}`);
    assert.equal(`PractitionerRole/${role.id}`, ref, 'every staff member her care team names resolves');
  }
  assert.equal((await json('mette', `/fhir/R4/PractitionerRole?practitioner=${karin}`)).total, 1, 'Karin only as she is in her network');

  // Roles: Karin's at Nordlys, to Peter; not hers at Østerbro.
  const roles = resources(await json('peter', '/fhir/R4/PractitionerRole'), 'PractitionerRole');
  const karinHere = roles.find((r) => r.practitioner.reference === `Practitioner/${karin}`);
  assert.equal(karinHere.organization.reference, `Organization/${nordlys}`);
  assert.equal(karinHere.code[0].coding[0].code, 'professional');
  assert.equal(karinHere.id, `${karin}${nordlys}`);
  assert.equal(roles.filter((r) => r.practitioner.reference === `Practitioner/${karin}`).length, 1);
  let s = await json('peter', `/fhir/R4/PractitionerRole?practitioner=Practitioner/${anne}&organization=${nordlys}`);
  assert.equal(resources(s, 'PractitionerRole')[0].code[0].coding[0].code, 'org_admin');
  s = await json('peter', '/fhir/R4/PractitionerRole?role=org_admin');
  assert.deepEqual(resources(s, 'PractitionerRole').map((r) => r.practitioner.reference), [`Practitioner/${anne}`]);
  assert.equal((await get('peter', `/fhir/R4/PractitionerRole/${karinHere.id}`)).status, 200);
  // Karin sees both of her own roles.
  const own = resources(await json('karin', `/fhir/R4/PractitionerRole?practitioner=${karin}`), 'PractitionerRole');
  assert.equal(own.length, 2);
  assert.equal((await get('lars', `/fhir/R4/PractitionerRole/${karinHere.id}`)).status, 404);
});

// --- the directory ----------------------------------------------------------

test('the directory: anyone signed in reads organisations, services and locations; nobody signed out', async () => {
  const svc = 'demo-svc-nordlys-forsamtale';
  for (const who of ['mette', 'birgit', 'lars', 'jonas']) {
    const s = await json(who, `/fhir/R4/HealthcareService/${svc}`);
    assert.equal(s.id, svc);
  }
  assert.equal((await get(null, `/fhir/R4/HealthcareService/${svc}`)).status, 401);
  assert.equal((await get(null, '/fhir/R4/Location')).status, 401);
  const s = await json('mette', `/fhir/R4/HealthcareService/${svc}`);
  assert.equal(s.name, 'Første samtale om alkohol');
  assert.equal(s.providedBy.reference, 'Organization/demo-org-nordlys');
  assert.equal(s.active, true);
  assert.ok(s.category[0].coding[0].system === 'urn:rosc:fhir:stage');
  assert.ok(s.location.length >= 1);
  assert.ok(s.telecom.some((t) => t.system === 'phone'));
  const org = await json('mette', '/fhir/R4/Organization/demo-org-nordlys');
  assert.equal(org.resourceType, 'Organization');
  assert.equal(org.partOf.reference, `Organization/${orgOf('Behandlingscenter Nordlys')}`);
  const home = await json('mette', `/fhir/R4/Organization/${orgOf('Behandlingscenter Nordlys')}`);
  assert.equal(home.name, 'Behandlingscenter Nordlys');
  assert.equal(home.type[0].coding[0].system, 'urn:rosc:fhir:sector');
  const loc = await json('lars', `/fhir/R4/${s.location[0].reference}`);
  assert.equal(loc.resourceType, 'Location');
  assert.ok(loc.address.city);
  for (const t of ['HealthcareService', 'Location', 'Organization']) {
    const res = await get('mette', `/fhir/R4/${t}/no-such-thing`);
    assert.equal(res.status, 404, t);
    assert.equal((await res.json()).resourceType, 'OperationOutcome');
    assert.equal((await get('mette', `/fhir/R4/${t}/not_an_id!`)).status, 404);
  }
});

test('directory search: name, organisation, category, type, city; paging returns every service once', async () => {
  const all = await json('mette', '/fhir/R4/HealthcareService?_count=500');
  const n = sql('SELECT count(*) FROM service');
  assert.equal(all.total, Number(n));
  const svcs = resources(all, 'HealthcareService');
  let b = await json('mette', '/fhir/R4/HealthcareService?name=f%C3%B8rste');
  assert.ok(b.total >= 1);
  assert.ok(resources(b, 'HealthcareService').every((x) => /^første/i.test(x.name)));
  b = await json('mette', '/fhir/R4/HealthcareService?organization=Organization/demo-org-nordlys');
  assert.equal(b.total, svcs.filter((x) => x.providedBy.reference === 'Organization/demo-org-nordlys').length);
  assert.ok(b.total >= 1);
  b = await json('mette', '/fhir/R4/HealthcareService?service-category=urn:rosc:fhir:stage|treatment');
  assert.equal(b.total, svcs.filter((x) => x.category && x.category[0].coding[0].code === 'treatment').length);
  assert.ok(b.total >= 1);
  // Narrowed in the store or not, a search answers the same.
  const nordlys = svcs.filter((x) => x.providedBy.reference === 'Organization/demo-org-nordlys');
  b = await json('mette', `/fhir/R4/HealthcareService?organization=demo-org-nordlys,demo-org-none&_id=${nordlys[0].id}`);
  assert.deepEqual(resources(b, 'HealthcareService').map((x) => x.id), [nordlys[0].id]);
  b = await json('mette', `/fhir/R4/HealthcareService?_id=${nordlys[0].id},${svcs[1].id}&service-type=urn:rosc:fhir:life-domain|nothing`);
  assert.equal(b.total, 0);
  b = await json('mette', '/fhir/R4/HealthcareService?name=F%C3%98RSTE');
  const lower = await json('mette', '/fhir/R4/HealthcareService?name=f%C3%B8rste');
  assert.equal(b.total, lower.total, 'a name in any case, ø as Ø');
  // A parameter without a value is ignored (FHIR R4 search).
  const org = await json('mette', '/fhir/R4/HealthcareService?organization=demo-org-nordlys');
  assert.equal((await json('mette', '/fhir/R4/HealthcareService?organization=demo-org-nordlys&name=')).total, org.total);
  b = await json('mette', '/fhir/R4/HealthcareService?service-type=substance_use');
  assert.ok(b.total >= 1);
  assert.ok(resources(b, 'HealthcareService').every((x) => x.type.some((t) => t.coding[0].code === 'substance_use')));
  const paged = await pageAll('lars', '/fhir/R4/HealthcareService?_count=7');
  assert.equal(paged.length, svcs.length);
  assert.equal(new Set(paged).size, paged.length);
  assert.deepEqual([...paged].sort(), svcs.map((x) => x.id).sort());

  const locs = resources(await json('mette', '/fhir/R4/Location?_count=500'), 'Location');
  const city = locs.find((l) => l.address && l.address.city).address.city;
  b = await json('mette', `/fhir/R4/Location?address-city=${encodeURIComponent(city.slice(0, 4))}`);
  assert.ok(resources(b, 'Location').every((l) => l.address.city.toLowerCase().startsWith(city.slice(0, 4).toLowerCase())));
  assert.ok(b.total >= 1);
  const named = locs.find((l) => l.name);
  b = await json('mette', `/fhir/R4/Location?name=${encodeURIComponent(named.name)}`);
  assert.ok(resources(b, 'Location').some((l) => l.id === named.id));
  b = await json('mette', '/fhir/R4/Organization?name=behandlings');
  assert.ok(resources(b, 'Organization').some((o) => o.name === 'Behandlingscenter Nordlys'));
  b = await json('mette', '/fhir/R4/Organization?type=prov');
  assert.ok(resources(b, 'Organization').every((o) => o.type[0].coding[0].code === 'prov'));
  const res = await get('mette', '/fhir/R4/Location?patient=x');
  assert.equal(res.status, 400, 'the directory is no one\'s');
});

test('$everything holds her network and consents', async () => {
  const mette = personOf('mette');
  const b = await json('mette', `/fhir/R4/Patient/${mette}/$everything`);
  const types = new Set(b.entry.map((e) => e.resource.resourceType));
  for (const t of ['RelatedPerson', 'CareTeam', 'Consent']) assert.ok(types.has(t), t);
  for (const t of ['Practitioner', 'HealthcareService']) assert.ok(!types.has(t), t);
});
