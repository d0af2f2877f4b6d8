import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hex, parseArgs, runHeadless } from '../../../game/sim-cli';
import { stateHash } from '../../../game/sim/index';
import type { Replay } from '../../../game/sim/replay';

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'game/sim-cli.ts', ...args], { cwd: join(__dirname, '..', '..', '..') }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('sim CLI arguments', () => {
  it('reads players, frames, seed and bots, with defaults', () => {
    expect(parseArgs([])).toEqual({ ok: true, options: { mode: 'run', players: 2, frames: 3600, seed: 1, bots: false, record: null } });
    expect(parseArgs(['--players', '8', '--frames', '10', '--seed', '-3', '--bots'])).toMatchObject({
      ok: true, options: { players: 8, frames: 10, seed: -3, bots: true },
    });
    expect(parseArgs(['--replay', 'x.json'])).toEqual({ ok: true, options: { mode: 'replay', file: 'x.json' } });
    expect(parseArgs(['--help'])).toEqual({ ok: true, options: { mode: 'help' } });
  });

  it('refuses bad arguments with a clear reason', () => {
    for (const [args, why] of [
      [['--players', '9'], /1 to 8/], [['--frames', 'ten'], /integer/], [['--seed'], /needs a value/],
      [['--fast'], /unknown argument/], [['--players', '2.5'], /integer/],
    ] as const) {
      const r = parseArgs(args);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(why);
    }
  });
});

describe('headless runs', () => {
  it('are reproducible from the seed and differ between seeds', () => {
    const a = runHeadless(3, 400, 9, false);
    expect(stateHash(runHeadless(3, 400, 9, false).state)).toBe(stateHash(a.state));
    expect(stateHash(runHeadless(3, 400, 10, false).state)).not.toBe(stateHash(a.state));
    expect(a.inputs).toHaveLength(400);
  });

  it('print the final frame and hash, and a recorded run replays clean; a tampered one exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ricochet-sim-'));
    const file = join(dir, 'run.json');
    const [out, args] = await Promise.all([
      cli(['--players', '2', '--frames', '240', '--seed', '4', '--record', file]),
      cli(['--players', '0']),
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout.trim()).toBe(`frame 240 hash ${hex(stateHash(runHeadless(2, 240, 4, false).state))}`);
    const ok = await cli(['--replay', file]);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining('replay ok: 5 checkpoints match')]);
    expect(ok.stdout).toMatch(/slot +shots kills self ricochet +name\n +0 +\d+ +\d+ +\d+ +\d+ +player 1\n +1 .*player 2/);
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"version": 2, "setup": 5');
    const refused = await cli(['--replay', garbage]);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/is not a valid replay: not JSON/)]);
    const replay = JSON.parse(readFileSync(file, 'utf8')) as Replay;
    replay.checkpoints[2]![1] ^= 1;
    writeFileSync(file, JSON.stringify(replay));
    const bad = await cli(['--replay', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/MISMATCH at frame 120/);
    expect([args.code, args.stderr]).toEqual([2, expect.stringContaining('--players must be 1 to 8')]);
  });
});
