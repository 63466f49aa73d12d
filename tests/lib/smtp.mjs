// A real mail server on loopback for the tests: tests/lib/smtp_sink.py
// (aiosmtpd, from Debian's python3-aiosmtpd), which writes down every
// message it accepts.
//   const sink = await startSmtpSink();            // any free port
//   sink.port; sink.messages(); sink.dataStarts(); await sink.stop();
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './rosc.mjs';

// Debian's python3, where python3-aiosmtpd is installed (another python3
// may come first on the PATH).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function jsonLines(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/**
 * Starts the sink. Options: port (0: any free one), slow: [word, seconds]
 * (the first message whose subject holds word waits that long before its
 * DATA is answered), dir (where it writes; a new folder by default).
 * Returns { port, file, messages(), dataStarts(), stop() }: messages are
 * {mail_from, rcpt_tos, raw (a Buffer), subject, text, headers,
 * content_type, charset}, decoded by Python's e-mail parser; dataStarts
 * are the Message-IDs of every DATA begun, accepted or not.
 */
export async function startSmtpSink({ port = 0, slow = null, dir = null } = {}) {
  const own = dir === null;
  const d = dir ?? mkdtempSync(join(tmpdir(), 'rosc-smtp-'));
  const file = join(d, 'mail.jsonl');
  const args = [join(ROOT, 'tests/lib/smtp_sink.py'), file, '--port', String(port)];
  if (slow) args.push('--slow', slow[0], String(slow[1]));
  const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const closed = new Promise((res) => child.on('close', res));
  const bound = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`the SMTP sink did not start:\n${out}`)), 20000);
    const look = (d) => {
      out += d;
      const m = /ready (\d+)/.exec(out);
      if (m) { clearTimeout(timer); res(Number(m[1])); }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    closed.then(() => { clearTimeout(timer); rej(new Error(`the SMTP sink stopped:\n${out}`)); });
  });
  return {
    port: bound,
    file,
    log: () => out,
    messages: () => jsonLines(file).map((m) => ({ ...m, raw: Buffer.from(m.raw, 'base64') })),
    dataStarts: () => jsonLines(file + '.events').map((e) => e.message_id),
    async stop({ keep = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await closed;
      if (own && !keep) rmSync(d, { recursive: true, force: true });
    },
  };
}
