// The consent matrix's people and states, shared by the matrix tests
// (tests/http/consent_matrix*.test.mjs): Mette's network in the demo
// (src/cmd/demo.c) and how each stands with her, her consents set to one
// state for some categories, the answer each relationship should get, and
// the access log's count of one actor's reads of one kind.

// Who, and how they stand with Mette.
export const ACTORS = {
  peter: 'home',        // Nordlys, her home organisation: duty
  karin: 'org',         // Socialforvaltningen Østerbro: consent to the organisation
  henrik: 'org',        // Boligselskabet Havnely: consent to the organisation
  jonas: 'member',      // a peer worker: consent to him by name
  birgit: 'member',     // family: consent to her by name
  mia: 'former',        // left the network on 2026-01-31
  lars: 'never',
};

export const STATES = ['given', 'not given', 'withdrawn', 'expired'];

/** Replaces every consent of the person with one state for cats: given,
 * not given (none at all), withdrawn, or expired; to the two other
 * organisations and to the peer worker and the family member by name. */
export function setConsent(sql, person, state, cats) {
  const orgs = ['Socialforvaltningen Østerbro', 'Boligselskabet Havnely'];
  const members = ['jonas', 'birgit'];
  const rows = [];
  let n = 0;
  for (const cat of cats) {
    if (state === 'not given') continue;
    const granted = state === 'withdrawn' ? 0 : 1;
    const until = state === 'expired' ? "'2001-01-01'" : 'NULL';
    for (const o of orgs)
      rows.push(`INSERT INTO consent (person_id, id, recipient_org_id, category, granted, until_date, version, updated_us)
        VALUES ('${person}', 'c${n++}', (SELECT id FROM organisation WHERE name = '${o}'), '${cat}', ${granted}, ${until}, 1, 0);`);
    for (const m of members)
      rows.push(`INSERT INTO consent (person_id, id, recipient_member_id, category, granted, until_date, version, updated_us)
        VALUES ('${person}', 'c${n++}', (SELECT m.id FROM network_member m JOIN user_account u ON u.id = m.user_id
          WHERE m.person_id = '${person}' AND u.username = '${m}'), '${cat}', ${granted}, ${until}, 1, 0);`);
  }
  sql(`BEGIN; DELETE FROM consent WHERE person_id = '${person}'; ${rows.join(' ')} COMMIT;`);
}

/** The status a relationship gets in a consent state: the home
 * organisation by duty, a former member 403, a stranger 404 (as for a
 * person who does not exist), the others by consent. */
export function expected(relation, state) {
  if (relation === 'home') return 200;
  if (relation === 'former') return 403;
  if (relation === 'never') return 404;
  return state === 'given' ? 200 : 403;
}

/** How many reads of kind what by user the person's access log holds. */
export const logged = (sql, person, user, what) => Number(sql(`SELECT count(*) FROM access_log l
  JOIN user_account u ON u.id = l.actor_id
  WHERE l.person_id = '${person}' AND u.username = '${user}' AND l.what = '${what}'`));

/** Every actor's entries of kind what in the person's access log, by
 * username, in one query (a query per request makes a matrix slow). */
export function loggedAll(sql, person, what) {
  const rows = sql(`SELECT u.username || '|' || count(*) FROM access_log l
    JOIN user_account u ON u.id = l.actor_id WHERE l.person_id = '${person}' AND l.what = '${what}'
    GROUP BY u.username`).split('\n').filter(Boolean);
  return Object.fromEntries(rows.map((r) => [r.split('|')[0], Number(r.split('|')[1])]));
}
