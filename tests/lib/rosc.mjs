// Test harness: starts a real rosc on a free loopback port with its own
// copy of the demo database, and stops it again, checking that it exits
// cleanly (no sanitizer report, exit status 0).
//
// ROSC_BIN       the binary (default build-check/rosc)
// ROSC_TEMPLATE  a demo database built once per run by scripts/check.sh;
//                without it the harness builds one per process.
// ROSC_TEST_PG   a PostgreSQL server URL (tests/pg/cluster.sh): each test
//                then gets its own database, copied from the template
//                database ROSC_PG_TEMPLATE (built once per run), and rosc
//                serves from PostgreSQL instead of SQLite.
import { totpCode } from './totp.mjs';
import { spawn } from 'node:child_process';
import { spawnSync } from './run.mjs';
import { query as pgQuery, close as pgClose } from './pg.mjs';
import { copyFileSync, mkdtempSync, rmSync, existsSync, chownSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.ROSC_BIN || join(ROOT, 'build-check', 'rosc');

let template = process.env.ROSC_TEMPLATE;

/** The PostgreSQL server the tests run on, or null for SQLite. */
export const PG = process.env.ROSC_TEST_PG || null;
/** The backend's name, for test titles and skips. */
export const BACKEND = PG ? 'postgres' : 'sqlite';

/** The URL of database name on the test PostgreSQL server. */
export function pgUrl(name) {
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Runs SQL on the test server as psql -c would (tests/lib/pg.mjs, on a
 * connection kept open; ROSC_TEST_PSQL=1: with a psql process each time);
 * returns rows as "a|b" lines, like the sqlite3 shell, booleans included
 * (1 and 0, not t and f).
 */
export function psql(url, q) {
  let out;
  if (process.env.ROSC_TEST_PSQL) {
    const r = spawnSync('psql', ['-XAtq', '-v', 'ON_ERROR_STOP=1', '-F', '|', '-d', url, '-c', q],
      { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
    out = r.stdout;
  } else {
    out = pgQuery(url, q);
  }
  return out.trim().split('\n')
    .map((line) => line.split('|').map((f) => (f === 't' ? '1' : f === 'f' ? '0' : f)).join('|'))
    .join('\n');
}

/** The environment rosc needs for a database URL: PostgreSQL's audit key. */
export function dbEnv(url) {
  return /^postgres(ql)?:/.test(url || '') && process.env.ROSC_PG_AUDIT_KEY
    ? { ROSC_AUDIT_KEY: process.env.ROSC_PG_AUDIT_KEY } : {};
}

/** A fresh database on the test server: from the demo template, or empty. */
function pgDatabase({ empty = false } = {}) {
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const from = empty ? '' : ` TEMPLATE ${process.env.ROSC_PG_TEMPLATE || 'rosc_demo'}`;
  psql(pgUrl('postgres'), `CREATE DATABASE ${name}${from}`);
  return name;
}

/** Every demo account's password (see src/cmd/demo.c). */
export const DEMO_PASSWORD = 'demo-hope-2026';

/** Copies a database with its audit key and head files. */
export function copyDb(from, to) {
  copyFileSync(from, to);
  for (const ext of ['.audit-key', '.audit-head', '.access-head']) {
    if (existsSync(from + ext)) copyFileSync(from + ext, to + ext);
  }
}

/** Runs the rosc command line synchronously; returns {status, stdout, stderr}. */
export function roscCli(args, opts = {}) {
  const url = args.find((a) => /^postgres(ql)?:/.test(a));
  const r = spawnSync(BIN, args, {
    encoding: 'utf8',
    env: { ...process.env, ...dbEnv(url), ...(opts.env || {}) },
    input: opts.input ?? '',
    timeout: 60000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The SQLite demo database every test copies (built once). */
export function demoDatabase() {
  if (template && existsSync(template)) return template;
  const dir = mkdtempSync(join(tmpdir(), 'rosc-template-'));
  const db = join(dir, 'demo.db');
  for (const cmd of [['init'], ['demo']]) {
    const r = roscCli([...cmd, '--db', `sqlite:${db}`], { env: { ROSC_ADMIN_PASSWORD: DEMO_PASSWORD } });
    if (r.status !== 0) throw new Error(`rosc ${cmd[0]} failed: ${r.stderr}`);
  }
  template = db;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return db;
}

/** Started as root, rosc serve must drop to another account: tests use nobody. */
export const RUN_AS = process.getuid && process.getuid() === 0 ? 'nobody' : null;
const NOBODY = RUN_AS ? Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim()) : null;
const NOGROUP = RUN_AS ? Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim()) : null;

/** The flags rosc serve needs on this machine (--user when root). */
export function serveArgs() {
  return RUN_AS ? ['--user', RUN_AS] : [];
}

/** Hands a test folder (and its files) to the account rosc serves as. */
export function giveToServer(dir) {
  if (!RUN_AS) return;
  chownSync(dir, NOBODY, NOGROUP);
  for (const f of readdirSync(dir)) chownSync(join(dir, f), NOBODY, NOGROUP);
}

/**
 * The write limits the tests run under: one test account writes hundreds of
 * times a second (the consent matrices, FHIR, appointments), far beyond the
 * 60 a minute a person is held to, so the limit is raised, not turned off
 * (every write still passes it). tests/http/ratelimit.test.mjs sets its own
 * low limit; ROSC_WRITE_LIMIT in the environment wins over both.
 */
export const TEST_LIMITS = { ROSC_WRITE_LIMIT: '1000000', ROSC_WRITE_BURST: '1000000' };

const SANITIZER = /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;

/**
 * Starts rosc serve. Options: env (extra environment), args (extra flags),
 * empty (true: an initialised database without demo data), db (serve this
 * existing database URL: a second process; it is not removed at stop).
 * Returns { url, port, dir, dbPath, db, log(), stop() }.
 */
export async function startRosc(opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-test-'));
  let dbPath = join(dir, 'rosc.db');
  let db = `sqlite:${dbPath}`;
  let pgName = null;
  if (opts.db) {
    db = opts.db;          // another process on a database a test already has
    dbPath = db.startsWith('sqlite:') ? db.slice(7) : null;
  } else if (PG) {
    pgName = pgDatabase({ empty: opts.empty });
    db = pgUrl(pgName);
    dbPath = null;
  }
  if (opts.db) {
    // nothing to create
  } else if (opts.empty) {
    const r = roscCli(['init', '--db', db], { env: { ROSC_ADMIN_PASSWORD: DEMO_PASSWORD } });
    if (r.status !== 0) throw new Error(`rosc init failed: ${r.stderr}`);
  } else if (!PG) {
    copyDb(demoDatabase(), dbPath);
  }
  giveToServer(dir);
  const child = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--db', db, ...serveArgs(), ...(opts.args || [])], {
    env: { ...TEST_LIMITS, ...process.env, ...dbEnv(db), ...(opts.env || {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  // 'close', not 'exit': the last bytes of stderr (a sanitizer or abort report) arrive after 'exit'.
  const exited = new Promise((res) => child.on('close', (code, signal) => res({ code, signal })));
  child.stdout.on('data', (d) => { log += d; });
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`rosc did not start:\n${log}`)), 20000);
    child.stderr.on('data', (d) => {
      log += d;
      const m = /msg=listening url=http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) { clearTimeout(timer); res(Number(m[1])); }
    });
    exited.then(({ code }) => { clearTimeout(timer); rej(new Error(`rosc exited (${code}) before listening:\n${log}`)); });
  });
  const url = `http://127.0.0.1:${port}`;
  let stopped = null;
  return {
    url, port, dir, dbPath, db, child,
    log: () => log,
    /** Runs SQL on this server's database; rows as "a|b" lines. */
    sql(q) {
      if (!db.startsWith('sqlite:')) return psql(db, q);
      const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', dbPath, q], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
      return r.stdout.trim();
    },
    /** SIGTERM, wait, and fail if rosc did not exit cleanly. */
    async stop({ keep = false } = {}) {
      if (!stopped) {
        stopped = (async () => {
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 20000);
          const { code, signal } = await exited;
          clearTimeout(t);
          if (!keep) {
            rmSync(dir, { recursive: true, force: true });
            if (pgName) {
              pgClose(db);
              psql(pgUrl('postgres'), `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
            }
          }
          if (SANITIZER.test(log)) throw new Error(`sanitizer report from rosc:\n${log}`);
          if (code !== 0) throw new Error(`rosc exited with ${code ?? signal}:\n${log.slice(-4000)}`);
          return log;
        })();
      }
      return stopped;
    },
  };
}

/** Sends raw bytes on a fresh connection; resolves with the whole reply as a latin1 string. */
export function rawRequest(port, bytes, { timeout = 10000 } = {}) {
  return new Promise((res, rej) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    const t = setTimeout(() => { sock.destroy(); res(Buffer.concat(chunks).toString('latin1')); }, timeout);
    sock.on('connect', () => sock.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes));
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => { clearTimeout(t); res(Buffer.concat(chunks).toString('latin1')); });
    sock.on('error', (e) => { clearTimeout(t); if (chunks.length) res(Buffer.concat(chunks).toString('latin1')); else rej(e); });
  });
}

/** The status code of a raw HTTP reply. */
export function statusOf(reply) {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(reply);
  return m ? Number(m[1]) : 0;
}

/**
 * A small browser-like client for one visitor: keeps cookies, reads the
 * CSRF token from the last HTML page, and never follows redirects by itself.
 *   const c = client(srv); await c.signIn('anne');
 *   const res = await c.get('/me/settings'); const html = await res.text();
 *   await c.post('/me/settings/language', { lang: 'da' });   // adds csrf
 */
export function client(srv, { headers = {} } = {}) {
  const jar = new Map();
  let csrf = null;
  const c = {
    jar,
    get csrf() { return csrf; },
    cookieHeader() { return [...jar].map(([k, v]) => `${k}=${v}`).join('; '); },
    remember(res) {
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const i = pair.indexOf('=');
        const k = pair.slice(0, i).trim(), v = pair.slice(i + 1).trim();
        if (attrs.some((a) => /max-age=0/i.test(a)) || v === '') jar.delete(k); else jar.set(k, v);
      }
    },
    async request(method, path, { body, headers: h = {} } = {}) {
      const res = await fetch(srv.url + path, {
        method, body, redirect: 'manual',
        headers: { ...headers, ...(jar.size ? { Cookie: c.cookieHeader() } : {}), ...h },
      });
      c.remember(res);
      const type = res.headers.get('content-type') || '';
      if (type.startsWith('text/html')) {
        const text = await res.text();
        const m = /name="csrf" value="([^"]+)"/.exec(text);
        if (m) csrf = m[1];
        // Hand back a Response whose body can still be read once.
        return new Response(res.status === 204 || res.status === 304 || res.status === 303 || res.status === 302 ? null : text, { status: res.status, headers: res.headers });
      }
      return res;
    },
    get(path, opts) { return c.request('GET', path, opts); },
    /** POSTs a form; the CSRF token of the last page is added unless given. */
    async post(path, form = {}, { csrf: token, headers: h = {} } = {}) {
      const data = new URLSearchParams({ csrf: token ?? csrf ?? '', ...form });
      return c.request('POST', path, { body: data.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...h } });
    },
    /** Signs in (choosing orgName, or the first organisation, when asked);
     * with a second factor, totp: { secret, ms } gives the code (oathtool). */
    async signIn(username, password = DEMO_PASSWORD, { orgName, totp } = {}) {
      await c.get('/signin');
      let res = await c.post('/signin?next=%2F', { username, password });
      if (res.status !== 303) throw new Error(`sign-in as ${username} answered ${res.status}`);
      if ((res.headers.get('location') || '').startsWith('/signin/code')) {
        if (!totp) throw new Error(`${username} signs in with a second factor: give totp`);
        await c.get('/signin/code?next=%2F');
        res = await c.post('/signin/code?next=%2F', { code: totpCode(totp.secret, totp.ms) });
        if (res.status !== 303) throw new Error(`the code for ${username} answered ${res.status}`);
      }
      if ((res.headers.get('location') || '').startsWith('/signin/organisation')) {
        const page = await (await c.get('/signin/organisation')).text();
        const forms = [...page.matchAll(/<input type="hidden" name="org" value="([0-9a-f]{32})"><button[^>]*>([^<]*)/g)];
        const pick = orgName ? forms.find((f) => f[2].trim() === orgName) : forms[0];
        if (!pick) throw new Error(`no organisation ${orgName} for ${username}`);
        res = await c.post('/signin/organisation?next=%2F', { org: pick[1] });
        if (res.status !== 303) throw new Error(`choosing an organisation answered ${res.status}`);
      }
      await c.get('/me/settings');    // a page with the session's CSRF token, for anyone
      return c;
    },
  };
  return c;
}
