// Child processes for the tests, each with a time-out: a command that hangs
// (a psql waiting on a lock, a rosc that never exits) fails the test that
// started it by name instead of stopping the whole run. Same signature as
// node:child_process's spawnSync; opts.timeout (ms) overrides the default.
import { spawnSync as nodeSpawnSync } from 'node:child_process';

export const CHILD_TIMEOUT_MS = 60000;

export function spawnSync(cmd, args = [], opts = {}) {
  const r = nodeSpawnSync(cmd, args, { timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL', ...opts });
  if (r.error && r.error.code === 'ETIMEDOUT') {
    throw new Error(`${cmd} ${args.join(' ').slice(0, 200)}: no answer after ${(opts.timeout ?? CHILD_TIMEOUT_MS) / 1000} s`);
  }
  return r;
}
