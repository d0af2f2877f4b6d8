import { setAutoFreeze } from 'immer';
import { bench, describe } from 'vitest';
import { botInput } from '../../game/bots/bot';
import { INPUT, initialState, stateHash, step } from '../../game/sim/index';
import type { SimState } from '../../game/sim/index';

// Production runs immer with autoFreeze off (the client turns it off); tests keep it on. Each
// bench sets the mode it measures.
setAutoFreeze(false);

// Longer runs and a real warm-up: these machines are shared, so short samples are mostly noise.
const opts = { time: 2000, warmupTime: 500, warmupIterations: 200 };

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));

/** Tanks that spin, drive and fire: a busy frame. */
function busyInputs(frame: number, n: number): number[] {
  return Array.from({ length: n }, (_, slot) =>
    ((frame + slot) % 2 === 0 ? INPUT.FIRE : 0) | ((frame >> 5) % 2 === 0 ? INPUT.FORWARD : 0) | (slot % 2 ? INPUT.LEFT : INPUT.RIGHT));
}

/**
 * The busiest mid-round state within the first seconds: still playing, most tanks alive, the most
 * shells in the air.
 */
function midRound(n: number): { state: SimState; inputs: number[] } {
  let s = initialState({ seed: 2024, players: players(n), targetScore: 99 });
  let best = s;
  for (let f = 0; f < 400; f++) {
    s = step(s, busyInputs(f, n));
    const alive = s.tanks.filter((t) => t.alive).length;
    if (s.phase === 'playing' && alive >= n - 1 && s.shells.length > best.shells.length) best = s;
  }
  return { state: best, inputs: busyInputs(1, n) };
}

const two = midRound(2);
const eight = midRound(8);
console.log(`bench states: 2 players with ${two.state.shells.length} shells, 8 players with ${eight.state.shells.length} shells`);

function resim(start: SimState, inputs: number[], frames: number): SimState {
  let s = start;
  for (let f = 0; f < frames; f++) s = step(s, inputs);
  return s;
}

describe('sim step (immer autoFreeze off, as in production)', () => {
  bench('step, 2 players mid-round', () => {
    setAutoFreeze(false);
    step(two.state, two.inputs);
  }, opts);
  bench('step, 8 players mid-round', () => {
    setAutoFreeze(false);
    step(eight.state, eight.inputs);
  }, opts);
  bench('re-simulate 8 frames, 8 players', () => {
    setAutoFreeze(false);
    resim(eight.state, eight.inputs, 8);
  }, opts);
  bench('control: 240,000 multiply-adds, no allocation (noise floor for p99)', control, opts);
});

/**
 * The noise floor for the p99 column: integer arithmetic with no allocation, about as long as a
 * re-simulation. On a shared machine its p99 is mostly other processes taking the core; a sim row
 * whose p99 is no worse than this one's is not losing its tail to GC.
 */
let controlSink = 0;
function control(): void {
  let a = controlSink | 1;
  for (let i = 0; i < 240_000; i++) a = (Math.imul(a, 1103515245) + 12345) | 0;
  controlSink = a;
}

describe('sim step (immer autoFreeze on, as in tests)', () => {
  bench('step, 8 players mid-round, autoFreeze on', () => {
    setAutoFreeze(true);
    step(eight.state, eight.inputs);
  }, opts);
  bench('re-simulate 8 frames, 8 players, autoFreeze on', () => {
    setAutoFreeze(true);
    resim(eight.state, eight.inputs, 8);
  }, opts);
});

describe('hash and bots', () => {
  bench('stateHash, 8 players mid-round', () => {
    stateHash(eight.state);
  }, opts);
  bench('botInput, one bot, 8 players mid-round', () => {
    botInput(eight.state, 3);
  }, opts);
});
