// The second factor in tests: codes made by liboath's own command-line
// tool (oathtool, Debian's package of the same name) from the secret the
// setup page shows, never by rosc's code.
import { spawnSync } from './run.mjs';

/** The six-digit code for a base32 secret at ms (milliseconds since the epoch). */
export function totpCode(secret, ms = Date.now()) {
  const r = spawnSync('oathtool', ['--totp', '-b', '-N', `@${Math.floor(ms / 1000)}`, secret],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`oathtool: ${r.stderr}`);
  return r.stdout.trim();
}

/** The secret a setup page shows (base32), or null. */
export function secretOf(html) {
  const m = /data-secret="([A-Z2-7]{32})"/.exec(html);
  return m ? m[1] : null;
}

/** The recovery codes a page shows once. */
export function recoveryCodesOf(html) {
  return [...html.matchAll(/<li class="secret recovery-code">([a-z2-9-]+)<\/li>/g)].map((m) => m[1]);
}

/**
 * Turns on a second factor for a signed-in client through its settings
 * page, with a code for ms (the server's now). Returns { secret, codes }.
 */
export async function enableSecondFactor(c, ms = Date.now()) {
  let res = await c.post('/me/settings/second-factor', {});
  if (res.status !== 303) throw new Error(`starting a second factor answered ${res.status}`);
  const secret = secretOf(await (await c.get('/me/settings/second-factor')).text());
  if (!secret) throw new Error('no secret on the setup page');
  res = await c.post('/me/settings/second-factor/confirm', { code: totpCode(secret, ms) });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`confirming the second factor answered ${res.status}`);
  return { secret, codes: recoveryCodesOf(html) };
}
