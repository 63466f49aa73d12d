// The systemd unit in docs/ (docs/rosc.service): systemd-analyze verifies
// it (with ExecStart pointing at the rosc built here) and rates its
// exposure offline; the hardening it promises is all there. Whether rosc
// runs under it needs systemd as the machine's init: README.md ("Running
// under systemd") has the check by hand. Skipped without systemd-analyze.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, BIN } from '../lib/rosc.mjs';
import { spawnSync } from '../lib/run.mjs';

const ANALYZE = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();
const unit = readFileSync(join(ROOT, 'docs', 'rosc.service'), 'utf8');

test('the unit asks for every hardening setting', () => {
  for (const line of [
    'User=rosc', 'StateDirectory=rosc', 'ProtectSystem=strict', 'ProtectHome=yes',
    'PrivateTmp=yes', 'PrivateDevices=yes', 'NoNewPrivileges=yes', 'CapabilityBoundingSet=',
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6', 'RestrictNamespaces=yes',
    'LockPersonality=yes', 'MemoryDenyWriteExecute=yes', 'SystemCallArchitectures=native',
    'SystemCallFilter=@system-service', 'ProtectKernelTunables=yes', 'ProtectControlGroups=yes',
  ]) assert.ok(unit.split('\n').includes(line), line);
  assert.match(unit, /^SystemCallFilter=~@privileged /m);
  // Nothing but the data folder is writable: no other path is opened up.
  assert.doesNotMatch(unit, /^ReadWritePaths=/m);
  const env = readFileSync(join(ROOT, 'docs', 'rosc.env'), 'utf8');
  assert.match(env, /^ROSC_DB=sqlite:\/var\/lib\/rosc\/rosc\.db$/m, 'the database is in the data folder');
});

test('systemd-analyze verifies the unit and rates it OK', { skip: !ANALYZE && 'no systemd-analyze' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosc-unit-'));
  try {
    const file = join(dir, 'rosc.service');
    writeFileSync(file, unit.replace('ExecStart=/usr/local/bin/rosc', `ExecStart=${BIN}`)
      .replace('EnvironmentFile=/etc/rosc/rosc.env', 'EnvironmentFile=-/etc/rosc/rosc.env'));
    let r = spawnSync(ANALYZE, ['verify', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim(), '', 'no warnings');
    r = spawnSync(ANALYZE, ['security', '--offline=true', '--no-pager', file], { encoding: 'utf8' });
    const m = /Overall exposure level for rosc\.service: ([\d.]+)/.exec(r.stdout);
    assert.ok(m, r.stdout + r.stderr);
    assert.ok(Number(m[1]) <= 2.0, `exposure ${m[1]} (at most 2.0)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
