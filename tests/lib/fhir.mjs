// The FHIR API's tests: an API token for a demo user (made on the
// settings page, as a user would), and requests with it.
import { client } from './rosc.mjs';

/** A new API token for username (acting for orgName, or the first
 * organisation, for staff). */
export async function fhirToken(srv, username, { orgName } = {}) {
  const c = client(srv);
  await c.signIn(username, undefined, orgName ? { orgName } : {});
  srv.sql(`UPDATE user_account SET lang = 'en' WHERE username = '${username}'`);
  await c.get('/me/settings');
  const res = await c.post('/me/tokens', { name: 'fhir' });
  const m = /<p class="secret">([A-Za-z0-9_-]{43})<\/p>/.exec(await res.text());
  if (!m) throw new Error(`no token for ${username}`);
  return m[1];
}

/** GET path with the token (none: signed out). */
export function fhirGet(srv, token, path, headers = {}) {
  return fetch(srv.url + path, {
    headers: { Accept: 'application/fhir+json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

/** A request with a JSON body. */
export function fhirSend(srv, token, method, path, body, headers = {}) {
  return fetch(srv.url + path, {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
}
