// The consent matrix for Help now presses (src/web/help_now.c), beside
// tests/http/consent_matrix.test.mjs and with the same people and consent
// states (its helpers are repeated here, so that each file stays within
// the time one test file may take on PostgreSQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, client } from '../lib/rosc.mjs';

let srv, mette;
const sql = (q) => srv.sql(q);

before(async () => {
  srv = await startRosc();
  sql("UPDATE user_account SET lang = 'en'");
  mette = sql("SELECT id FROM person WHERE display_name = 'Mette Larsen'");
});
after(async () => { await srv.stop(); });

// Who, and how they stand with Mette (see src/cmd/demo.c).
const ACTORS = {
  peter: 'home',        // Nordlys, her home organisation: duty
  karin: 'org',         // Socialforvaltningen Østerbro: consent to the organisation
  henrik: 'org',        // Boligselskabet Havnely: consent to the organisation
  jonas: 'member',      // a peer worker: consent to him by name
  birgit: 'member',     // family: consent to her by name
  mia: 'former',        // left the network on 2026-01-31
  lars: 'never',
};

function setConsent(state) {
  const orgs = ['Socialforvaltningen Østerbro', 'Boligselskabet Havnely'];
  const members = ['jonas', 'birgit'];
  const rows = [];
  let n = 0;
  for (const cat of ['basic', 'notes', 'plan', 'substance', 'appointments']) {
    if (state === 'not given') continue;
    const granted = state === 'withdrawn' ? 0 : 1;
    const until = state === 'expired' ? "'2001-01-01'" : 'NULL';
    for (const o of orgs) {
      rows.push(`INSERT INTO consent (person_id, id, recipient_org_id, category, granted, until_date, version, updated_us)
        VALUES ('${mette}', 'c${n++}', (SELECT id FROM organisation WHERE name = '${o}'), '${cat}', ${granted}, ${until}, 1, 0);`);
    }
    for (const m of members) {
      rows.push(`INSERT INTO consent (person_id, id, recipient_member_id, category, granted, until_date, version, updated_us)
        VALUES ('${mette}', 'c${n++}', (SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
          WHERE m.person_id = '${mette}' AND u.username = '${m}'), '${cat}', ${granted}, ${until}, 1, 0);`);
    }
  }
  sql(`BEGIN; DELETE FROM consent WHERE person_id = '${mette}'; ${rows.join(' ')} COMMIT;`);
}

function expected(relation, state) {
  if (relation === 'home') return 200;
  if (relation === 'former') return 403;
  if (relation === 'never') return 404;
  return state === 'given' ? 200 : 403;
}

const logged = (user, what) => Number(sql(`SELECT count(*) FROM access_log l JOIN user_account u
  ON u.id = l.actor_id WHERE l.person_id = '${mette}' AND u.username = '${user}' AND l.what = '${what}'`));

// Help now: a press is guarded as her basic details are, for staff only
// (family are told by message if she chose them). On the caseload it is
// shown, and its read logged, exactly where basic details are; "I have
// seen it" is answered as the door answers for basic details.
test('Help now presses x consent state x relationship, on the caseload and when acknowledged', async () => {
  const press = 'e0000000000000000000000000000001';
  sql(`INSERT INTO help_now_press (person_id, id, at_us, notified) VALUES ('${mette}', '${press}', 1, 0)`);
  const clients = {};
  for (const user of Object.keys(ACTORS)) {
    clients[user] = client(srv);
    await clients[user].signIn(user, undefined, user === 'karin' ? { orgName: 'Socialforvaltningen Østerbro' } : {});
  }
  const problems = [];
  for (const state of ['given', 'not given', 'withdrawn', 'expired']) {
    setConsent(state);
    for (const [user, relation] of Object.entries(ACTORS)) {
      const basic = expected(relation, state);
      const staff = user !== 'birgit';
      sql(`UPDATE help_now_press SET acknowledged_by = NULL, acknowledged_us = NULL WHERE id = '${press}'`);
      const before = logged(user, 'basic');
      const page = await (await clients[user].get('/persons')).text();
      const shown = page.includes(`/persons/${mette}/help-now/${press}/seen`);
      const want = basic === 200 && staff;
      if (shown !== want) problems.push(`${state}: ${user} (${relation}) press shown=${shown}, expected ${want}`);
      if (shown && logged(user, 'basic') <= before) problems.push(`${state}: ${user}: the press's read not logged`);
      const res = await clients[user].post(`/persons/${mette}/help-now/${press}/seen`, {});
      const wantAck = !staff ? 404 : basic === 200 ? 303 : basic;
      if (res.status !== wantAck) problems.push(`${state}: ${user} (${relation}) seen: expected ${wantAck}, got ${res.status}`);
      const seenBy = sql(`SELECT coalesce(acknowledged_by, '-') FROM help_now_press WHERE id = '${press}'`);
      if ((seenBy !== '-') !== (wantAck === 303)) problems.push(`${state}: ${user} seen_by=${seenBy}`);
    }
  }
  sql(`DELETE FROM help_now_press WHERE id = '${press}'`);
  assert.deepEqual(problems, []);
});

