import { describe, expect, it } from 'vitest';
import { createLockstep } from '../../../net/lockstep/lockstep';
import { FRAME_MS } from '../../../net/lockstep/engine-types';
import { createNullTransport } from '../../../net/lockstep/null-transport';
import type { Transport } from '../../../net/lockstep/transport';
import { botInput } from '../../../game/bots/bot';
import { INPUT } from '../../../game/sim/input';
import { createStatsTally, recordReplay, replayStats, ricochetGame } from '../../../game/sim/index';
import type { SimSetup, SimState } from '../../../game/sim/types';
import { createFrameClock } from '../../../game/app/frame-clock';
import { createMatchLoop } from '../../../game/app/match-loop';

const setup: SimSetup = { seed: 4242, players: [{ name: 'Kim' }, { name: 'Bot' }] };

function practiceLoop(humanInput: () => number, transport: Transport = createNullTransport('me'), owners = ['me', 'me'], humanInputUsed?: () => void) {
  const localSlots = owners.flatMap((owner, slot) => (owner === 'me' ? [slot] : []));
  const engine = createLockstep<SimState, SimSetup>({ game: ricochetGame, transport, setup, slotOwners: owners, localSlots });
  const loop = createMatchLoop({ engine, clock: createFrameClock(FRAME_MS, 120, 0), localSlots, botSlots: [1], humanInput, humanInputUsed, botInput });
  return { engine, loop };
}

describe('match loop', () => {
  it('steps the frames that are due, one per 1/60 s, with the human input in its slot and the bot in its own', () => {
    const { engine, loop } = practiceLoop(() => INPUT.LEFT);
    expect(loop.tick(FRAME_MS * 10 + 1)).toEqual({ stepped: 10, waitingFor: null });
    expect(engine.frame()).toBe(10);
    const log = engine.inputLog().inputs;
    // Frames before the input delay carry no input; after it, slot 0 holds LEFT as sampled.
    expect(log.some((inputs) => inputs[0] === INPUT.LEFT)).toBe(true);
    expect(log.every((inputs) => inputs[0] === 0 || inputs[0] === INPUT.LEFT)).toBe(true);
    expect(loop.current()).toBe(engine.state());
    expect(loop.previous().frame).toBe(9);
  });

  it('queues the sim events of every frame stepped in one tick, in order, until drained', () => {
    const { loop } = practiceLoop(() => INPUT.FIRE);
    loop.tick(FRAME_MS * 30 + 1);
    const events = loop.drainEvents();
    expect(events.some((e) => e.type === 'fire')).toBe(true);
    expect(loop.drainEvents()).toEqual([]);
  });

  it('shows every confirmed state to onConfirmed once, in order, and the statistics tallied there match the replay', () => {
    const engine = createLockstep<SimState, SimSetup>({ game: ricochetGame, transport: createNullTransport('me'), setup, slotOwners: ['me', 'me'], localSlots: [0, 1] });
    const frames: number[] = [];
    const tally = createStatsTally(2);
    const loop = createMatchLoop({ engine, clock: createFrameClock(FRAME_MS, 120, 0), localSlots: [0, 1], botSlots: [0, 1], humanInput: () => 0, botInput, onConfirmed: (s) => {
      frames.push(s.frame);
      tally.add(s.events);
    } });
    for (let t = 1; t <= 20; t++) loop.tick(FRAME_MS * 30 * t + 1); // 30 frames a tick: several per tick
    expect(frames).toEqual(Array.from({ length: engine.frame() }, (_, i) => i + 1));
    const log = engine.inputLog();
    expect(tally.stats().some((p) => p.shots > 0)).toBe(true);
    expect(replayStats(recordReplay(setup, log.inputs.map((r) => [...r]), log.leaves.map(([f, s]) => [f, s]))).stats).toEqual(tally.stats());
  });

  it('puts a tap (latched until used) in exactly one frame', () => {
    let tap = false;
    const { engine, loop } = practiceLoop(() => (tap ? INPUT.FIRE : 0), undefined, undefined, () => void (tap = false));
    loop.tick(FRAME_MS * 5 + 1); // past the first poll, which schedules every frame of the delay at once
    tap = true;
    for (let t = 6; t <= 30; t++) loop.tick(FRAME_MS * t + 1);
    expect(engine.inputLog().inputs.filter((inputs) => inputs[0] === INPUT.FIRE)).toHaveLength(1);
  });

  it('keeps a tap made during a stall until a frame takes it', () => {
    const silent: Transport = { self: 'me', send: () => undefined, drain: () => [] };
    let tap = false;
    let used = 0;
    const { loop } = practiceLoop(() => (tap ? INPUT.FIRE : 0), silent, ['me', 'them'], () => {
      used++;
      tap = false;
    });
    loop.tick(FRAME_MS * 20 + 1);
    const before = used;
    tap = true;
    for (let t = 21; t < 40; t++) loop.tick(FRAME_MS * t + 1);
    expect(used).toBe(before);
    expect(tap).toBe(true);
  });

  it('reports a stall with the peer it waits for, and catches up once its inputs arrive', () => {
    // Slot 1 belongs to a peer that never sends: the engine must stall after the input delay.
    const silent: Transport = { self: 'me', send: () => undefined, drain: () => [] };
    const { engine, loop } = practiceLoop(() => 0, silent, ['me', 'them']);
    const result = loop.tick(FRAME_MS * 20 + 1);
    expect(result.waitingFor).toEqual(['them']);
    expect(engine.frame()).toBe(result.stepped);
    expect(loop.alpha()).toBe(1); // the frames stay owed
  });
});
