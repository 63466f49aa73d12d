// SQL on the test PostgreSQL server without a psql process per query: the
// consent matrices ask thousands of small questions, and starting psql (and
// a server backend for it) took most of their time. A worker thread keeps
// one connection per database URL and speaks PostgreSQL's simple query
// protocol (the protocol psql -c uses: the whole text as one message, so
// several statements run in one implicit transaction); the caller waits on
// it synchronously, so tests keep calling sql() as before.
//
// Each query is on its own as it was with a psql of its own: a transaction
// the text leaves open is rolled back, and DISCARD ALL clears what a
// session keeps (settings, temporary tables, advisory locks). A connection
// that the server closed (a test that terminates backends, crashes or drops
// the database) is opened again. The test clusters trust local connections
// (tests/pg/cluster.sh), so there is no password to send.
//
//   query(url, text) -> the rows as psql -XAt -F '|' prints them (booleans
//                       t and f, NULL as nothing); throws on an error with
//                       psql's words ("ERROR:  ...", DETAIL, HINT, CONTEXT;
//                       not its LINE pointer into the text)
//   close(url)          closes the connection to url, if one is open
import { Worker, MessageChannel, receiveMessageOnPort, isMainThread, workerData, parentPort } from 'node:worker_threads';
import net from 'node:net';

/** How long one query may take before the test fails by name (as run.mjs). */
export const QUERY_TIMEOUT_MS = 60000;

let worker = null, port = null, flag = null;

function start() {
  flag = new Int32Array(new SharedArrayBuffer(4));
  const ch = new MessageChannel();
  port = ch.port1;
  worker = new Worker(new URL(import.meta.url), {
    workerData: { pgWire: true, port: ch.port2, flag },
    transferList: [ch.port2],
  });
  worker.unref();
  port.unref();
  worker.on('error', () => { worker = null; });
}

function ask(msg, timeout = QUERY_TIMEOUT_MS) {
  if (!worker) start();
  Atomics.store(flag, 0, 0);
  worker.postMessage(msg);
  if (Atomics.wait(flag, 0, 0, timeout) === 'timed-out') {
    // As a hung psql is killed: the worker and its connections go.
    worker.terminate();
    worker = null;
    throw new Error(`psql ${(msg.q || '').slice(0, 200)}: no answer after ${timeout / 1000} s`);
  }
  const got = receiveMessageOnPort(port);
  if (!got) throw new Error('pg worker: no reply');
  return got.message;
}

/** Runs text on the database at url; the rows as psql -XAt prints them. */
export function query(url, q) {
  const r = ask({ url, q });
  if (r.error) throw new Error(`psql: ${r.error}`);
  return r.out;
}

/** Closes the connection to url (before the database is dropped). */
export function close(url) {
  if (worker) ask({ url, close: true });
}

// ---- the worker: connections and the wire protocol ----

/** The connection parameters of a postgres:// URL. */
function parseUrl(url) {
  const u = new URL(url);
  const socketDir = u.searchParams.get('host');
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 5432),
    // postgres:///db?host=/dir: the server's Unix socket in that folder.
    path: socketDir && socketDir.startsWith('/') ? `${socketDir}/.s.PGSQL.${u.port || 5432}` : null,
    user: decodeURIComponent(u.username || process.env.USER || 'postgres'),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
  };
}

function message(type, body) {
  const head = Buffer.alloc(type ? 5 : 4);
  if (type) head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, type ? 1 : 0);
  return Buffer.concat([head, body]);
}

const cstr = (s) => Buffer.from(`${s}\0`, 'utf8');

/** An ErrorResponse's fields in psql's words. */
function errorText(body) {
  const f = {};
  for (let i = 0; i < body.length && body[i] !== 0;) {
    const code = String.fromCharCode(body[i]);
    const end = body.indexOf(0, i + 1);
    f[code] = body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  let s = `${f.S || 'ERROR'}:  ${f.M || ''}`;
  if (f.D) s += `\nDETAIL:  ${f.D}`;
  if (f.H) s += `\nHINT:  ${f.H}`;
  if (f.W) s += `\nCONTEXT:  ${f.W}`;
  return `${s}\n`;
}

/** One connection: queries are sent one at a time; each resolves with
 * { out, error, status } at the server's ReadyForQuery. */
class Conn {
  constructor(url) {
    this.url = url;
    this.buf = Buffer.alloc(0);
    this.dead = false;
    this.pending = null;
    this.ready = new Promise((res, rej) => {
      const p = parseUrl(url);
      this.sock = p.path ? net.connect(p.path) : net.connect(p.port, p.host);
      this.sock.setNoDelay(true);
      this.begin((r) => (r.error ? rej(new Error(r.error)) : res()));
      this.sock.on('connect', () => {
        const params = Buffer.concat([cstr('user'), cstr(p.user), cstr('database'), cstr(p.database),
          cstr('client_encoding'), cstr('UTF8'), cstr('application_name'), cstr('rosc-tests'), Buffer.from([0])]);
        const version = Buffer.alloc(4);
        version.writeInt32BE(196608);
        this.sock.write(message(null, Buffer.concat([version, params])));
      });
    });
    this.ready.catch(() => {});
    this.sock.on('data', (d) => { this.buf = Buffer.concat([this.buf, d]); this.parse(); });
    const gone = (e) => {
      this.dead = true;
      const p = this.pending;
      this.pending = null;
      // Lost before it answered (an idle connection the server ended: the
      // query never ran) or while it ran.
      if (p) p.done({ error: p.error || `connection to server lost${e ? `: ${e.message}` : ''}`, lost: !p.heard || p.ended });
    };
    this.sock.on('error', gone);
    this.sock.on('close', () => gone(null));
  }

  begin(done) {
    this.pending = { rows: [], error: null, heard: false, done };
  }

  parse() {
    while (this.buf.length >= 5) {
      const len = this.buf.readInt32BE(1);
      if (this.buf.length < len + 1) return;
      const type = String.fromCharCode(this.buf[0]);
      const body = this.buf.subarray(5, len + 1);
      this.buf = this.buf.subarray(len + 1);
      const p = this.pending;
      if (p) p.heard = true;
      switch (type) {
        case 'R':
          if (body.readInt32BE(0) !== 0 && p) {
            p.error = p.error || 'the test server asks for a password: the tests need trust (tests/pg/cluster.sh), or ROSC_TEST_PSQL=1';
            this.sock.destroy();
          }
          break;
        case 'D': {
          const n = body.readInt16BE(0);
          const fields = [];
          let at = 2;
          for (let i = 0; i < n; i++) {
            const l = body.readInt32BE(at);
            at += 4;
            if (l < 0) fields.push('');
            else { fields.push(body.toString('utf8', at, at + l)); at += l; }
          }
          if (p) p.rows.push(fields.join('|'));
          break;
        }
        case 'E':
          if (p && !p.error) p.error = errorText(body);
          // The server ended an idle session (pg_terminate_backend, a
          // shutdown): its farewell is no answer to the query.
          if (p && p.rows.length === 0 && /\0C57P0[123]\0/.test(`\0${body.toString('latin1')}`)) p.ended = true;
          break;
        case 'G':   // COPY FROM STDIN: nothing to send
          this.sock.write(message('f', cstr('no COPY data from the tests')));
          break;
        case 'd':   // COPY TO STDOUT: the data as it comes
          if (p) p.rows.push(body.toString('utf8').replace(/\n$/, ''));
          break;
        case 'Z':
          if (p) {
            this.pending = null;
            p.done({ out: p.rows.length ? `${p.rows.join('\n')}\n` : '', error: p.error, status: String.fromCharCode(body[0]) });
          }
          break;
        default:    // T, C, I, N, S, K, A, H, c, n, s, t, 1, 2, 3: nothing to keep
          break;
      }
    }
  }

  /** Sends one simple query; resolves at ReadyForQuery. */
  send(q) {
    return new Promise((res) => {
      if (this.dead) { res({ error: 'connection to server lost', lost: true }); return; }
      this.begin(res);
      this.sock.write(message('Q', cstr(q)));
    });
  }

  end() {
    if (!this.dead) this.sock.end(message('X', Buffer.alloc(0)));
    this.dead = true;
  }
}

async function connection(conns, url) {
  let c = conns.get(url);
  if (c && !c.dead) return c;
  c = new Conn(url);
  conns.set(url, c);
  await c.ready;
  return c;
}

/** One query as a psql of its own would run it. */
async function run(conns, url, q) {
  let r;
  for (let tries = 0; ; tries++) {
    const c = await connection(conns, url);
    r = await c.send(q);
    // The server closed an idle connection (a test terminated it, or the
    // cluster restarted) before it read the query: once more, afresh.
    if (r.lost && tries === 0) continue;
    if (r.lost) return r;
    // What the text leaves behind goes with it, as when psql exits.
    if (r.status !== 'I') await c.send('ROLLBACK');
    const d = await c.send('DISCARD ALL');
    if (d.error) c.end();
    return r;
  }
}

if (!isMainThread && workerData && workerData.pgWire) {
  const { port: reply, flag: done } = workerData;
  const conns = new Map();
  const answer = (m) => {
    reply.postMessage(m);
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  };
  parentPort.on('message', async (m) => {
    try {
      if (m.close) {
        const c = conns.get(m.url);
        conns.delete(m.url);
        if (c) c.end();
        answer({});
        return;
      }
      const r = await run(conns, m.url, m.q);
      answer(r.error ? { error: r.error } : { out: r.out });
    } catch (e) {
      conns.delete(m.url);
      answer({ error: e.message });
    }
  });
}
