// Bad input at the HTTP layer: a clear answer, and the server keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, rawRequest, statusOf } from '../lib/rosc.mjs';

let srv;
before(async () => { srv = await startRosc(); });
after(async () => { await srv.stop(); });

async function stillServing() {
  const res = await fetch(srv.url + '/healthz');
  assert.equal(res.status, 200, 'the server still answers');
}

const raw = (s) => rawRequest(srv.port, s);

test('unknown page: a friendly 404 in the visitor\'s language', async () => {
  const res = await fetch(srv.url + '/no/such/page', { headers: { 'Accept-Language': 'da' } });
  assert.equal(res.status, 404);
  const body = await res.text();
  assert.match(body, /<html lang="da">/);
  assert.match(body, /<h1>/);
  assert.match(body, /href="\/"/);
  assert.doesNotMatch(body, /We could not find that page/, 'in Danish, not English');
});

test('unknown API address: problem+json with a stable code', async () => {
  const res = await fetch(srv.url + '/api/v1/nothing-here');
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  const p = await res.json();
  assert.equal(p.type, 'urn:rosc:problem:not_found');
  assert.equal(p.code, 'not_found');
  assert.equal(p.status, 404);
  assert.equal(typeof p.title, 'string');
  assert.deepEqual(p.errors, []);
});

test('Accept: application/json gets problem+json anywhere', async () => {
  const res = await fetch(srv.url + '/nope', { headers: { Accept: 'application/json' } });
  assert.equal(res.status, 404);
  assert.equal((await res.json()).code, 'not_found');
});

test('a misshapen path parameter: the same 404 as an unknown one, before any handler', async () => {
  // An unknown invitation (the right shape) against misshapen ones.
  const unknown = await fetch(srv.url + '/invite/' + 'B'.repeat(43));
  assert.equal(unknown.status, 404);
  // The language links carry the address back; all else is the same.
  const same = (html) => html.replace(/next=[^"]*"/g, 'next="');
  const page = same(await unknown.text());
  for (const bad of ['short', 'B'.repeat(44), 'B'.repeat(42) + '.', 'B'.repeat(42) + '%3D']) {
    const res = await fetch(srv.url + '/invite/' + bad);
    assert.equal(res.status, 404, bad);
    assert.equal(same(await res.text()), page, bad);
  }
  for (const bad of ['.hidden', 'Style.css']) {
    assert.equal((await fetch(srv.url + '/static/' + bad)).status, 404, bad);
  }
  // 405 still comes from the path's shape: a POST-only path, a bad id.
  assert.equal((await fetch(srv.url + '/me/tokens/not-an-id/revoke')).status, 405);
  await stillServing();
});

test('wrong method: 405 with Allow', async () => {
  const res = await fetch(srv.url + '/', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
  const del = await fetch(srv.url + '/healthz', { method: 'DELETE' });
  assert.equal(del.status, 405);
  assert.equal((await del.json()).code, 'method_not_allowed');
  await stillServing();
});

test('NUL bytes and invalid UTF-8 in the path or query: 400', async () => {
  for (const path of ['/a%00b', '/%00', '/%ff', '/%c3%28', '/%e2%82', '/%ed%a0%80', '/?q=%00', '/?q=%ff', '/?%ff=1', '/?q=a%00b', '/%zz', '/%4']) {
    const reply = await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(reply), 400, path);
  }
  await stillServing();
});

test('raw invalid bytes in the request line: 400', async () => {
  const reply = await raw(Buffer.concat([Buffer.from('GET /\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'latin1')]));
  assert.equal(statusOf(reply), 400);
  await stillServing();
});

test('NUL or invalid UTF-8 in a form does not upset the server', async () => {
  // Pages show such input back at the field (tests/http/accounts.test.mjs);
  // here: a route that takes no form at all still answers sensibly.
  for (const body of ['name=a%00b', 'name=%ff', '%ff=1']) {
    const res = await fetch(srv.url + '/', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 405, body);
  }
  await stillServing();
});

test('a multipart part without a name is no field, and the server goes on', async () => {
  // libmicrohttpd hands such a part over without a name; rosc took it for
  // one and crashed (found by tests/fuzz/fuzz_http.c).
  const body = '--XyZ\r\nContent-Type: text/plain\r\n\r\nmette@example.dk\r\n' +
    '--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n';
  for (const path of ['/signin', '/']) {
    const reply = await raw(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    const s = statusOf(reply);
    assert.ok(s >= 200 && s < 500, `${path} answered ${s}`);
  }
  await stillServing();
});

test('a body over 1 MiB: 413, by Content-Length or when streamed', async () => {
  const big = 'a='.padEnd(2 * 1024 * 1024, 'x');
  const res = await fetch(srv.url + '/', { method: 'POST', body: big, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }).catch((e) => e);
  if (res instanceof Response) assert.equal(res.status, 413);
  // Chunked: no Content-Length, the size is only seen while reading.
  const chunk = 'x'.repeat(64 * 1024);
  let req = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
  for (let i = 0; i < 20; i++) req += chunk.length.toString(16) + '\r\n' + chunk + '\r\n';
  req += '0\r\n\r\n';
  assert.equal(statusOf(await raw(req)), 413);
  const declared = await raw('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n');
  assert.equal(statusOf(declared), 413);
  await stillServing();
});

test('an oversized header: 431 (or 413), and the server goes on', async () => {
  const reply = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(200 * 1024)}\r\nConnection: close\r\n\r\n`);
  assert.ok([431, 413].includes(statusOf(reply)), `got ${statusOf(reply)}`);
  await stillServing();
});

test('an overlong address: 414', async () => {
  const reply = await raw(`GET /${'a'.repeat(5000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  assert.ok([414, 431].includes(statusOf(reply)), `got ${statusOf(reply)}`);
  await stillServing();
});

test('every overlong address gets a status, also one that all but fills the connection\'s memory', async () => {
  // Sizes from 4 KB up, the band where the request head used to leave too
  // little room for the reply (64.7 to 65.1 KB with a 64 KB pool: the
  // connection closed unanswered), with and without browser-like headers.
  const sizes = [];
  for (let n = 4200; n < 120000; n += 4999) sizes.push(n);
  for (let n = 64600; n < 65200; n += 37) sizes.push(n);
  const headers = 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120\r\nAccept: text/html\r\n'
    + `Cookie: lang=da; rosc_session=${'x'.repeat(43)}\r\n`;
  const unanswered = [];
  for (const n of sizes) {
    for (const extra of ['', headers]) {
      const reply = await raw(`GET /plan?q=${'a'.repeat(n)} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`);
      const s = statusOf(reply);
      if (![414, 431].includes(s)) unanswered.push(`${n}${extra ? '+headers' : ''}: ${s}`);
    }
  }
  assert.deepEqual(unanswered, [], 'every oversized request is answered with 414 or 431');
  await stillServing();
});

test('malformed requests: 400, and the server goes on', async () => {
  for (const r of ['GARBAGE\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 'GET / HTTP/1.1\r\n\r\n', 'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']) {
    const reply = await rawRequest(srv.port, r, { timeout: 2000 });
    const s = statusOf(reply);
    assert.ok(s === 0 || (s >= 400 && s < 600), `${JSON.stringify(r)} answered ${s}`);
  }
  await stillServing();
});

test('keep-alive: two requests on one connection, no Connection: close', async () => {
  const reply = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const answers = reply.match(/HTTP\/1\.1 200/g) || [];
  assert.equal(answers.length, 2);
  const first = reply.slice(0, reply.indexOf('HTTP/1.1 200', 5));
  assert.doesNotMatch(first, /Connection: close/i);
});
