/**
 * What a seek in the replay viewer costs: at most one keyframe interval (180 frames) of 8 busy
 * bot players re-simulated, against re-running from the start (what a seek would cost without
 * keyframes). Tests check the frame counts (test/unit/app/replay-player.test.ts); this measures time.
 */
import { setAutoFreeze } from 'immer';
import { bench, describe } from 'vitest';
import { createReplayPlayer } from '../../game/app/replay-player';
import { botInput } from '../../game/bots/bot';
import { initialState, recordReplay, step } from '../../game/sim/index';

setAutoFreeze(false);
const opts = { time: 2000, warmupTime: 300, warmupIterations: 5 };

const setup = { seed: 99, players: Array.from({ length: 8 }, (_, i) => ({ name: `p${i}` })), targetScore: 99 };
const inputs: number[][] = [];
let state = initialState(setup);
for (let f = 0; f < 3600; f++) {
  const now = state;
  const row = now.tanks.map((t) => botInput(now, t.slot));
  inputs.push(row);
  state = step(state, row);
}
const replay = recordReplay(setup, inputs);
const player = createReplayPlayer(replay);
while (!player.prepare(600));
let target = 0;

describe('replay viewer seek, 8 bots, 60 s replay', () => {
  bench('seek to a random frame (from a keyframe: at most 179 frames)', () => {
    target = (target + 1777) % 3600;
    player.seek(target);
  }, opts);
  bench('re-run from the start to frame 1800 (no keyframes)', () => {
    createReplayPlayer(replay, 1_000_000).seek(1800);
  }, opts);
});
