import { describe, expect, it } from 'vitest';
import { createLockstep } from '../../../net/lockstep/lockstep';
import { FRAME_MS } from '../../../net/lockstep/engine-types';
import { createNullTransport } from '../../../net/lockstep/null-transport';
import { botInput } from '../../../game/bots/bot';
import { INPUT } from '../../../game/sim/input';
import { ricochetGame } from '../../../game/sim/index';
import type { SimSetup, SimState } from '../../../game/sim/types';
import { createFrameClock } from '../../../game/app/frame-clock';
import { createMatchLoop } from '../../../game/app/match-loop';
import { delayToNextBeat, startTicker, type TickScheduler } from '../../../game/app/ticker';

/**
 * A page on a virtual clock with one main thread: timers fire when due, animation frames come at
 * `renderHz` (offset by `renderPhaseMs` from the frame boundaries), and drawing a frame keeps the thread busy for `renderCostMs` (no timer runs meanwhile).
 */
function fakePage(renderHz: number, renderCostMs: number, renderPhaseMs = 7) {
  let now = 0;
  let nextId = 1;
  const tasks = new Map<number, { at: number; fn: () => void; render: boolean }>();
  const renderEvery = 1000 / renderHz;
  const scheduler: TickScheduler = {
    now: () => now,
    setTimer(fn, ms) {
      tasks.set(nextId, { at: now + Math.max(0, ms), fn, render: false });
      return nextId++;
    },
    clearTimer: (id) => void tasks.delete(id as number),
    requestFrame(fn) {
      tasks.set(nextId, { at: (Math.floor((now - renderPhaseMs) / renderEvery + 1e-9) + 1) * renderEvery + renderPhaseMs, fn, render: true });
      return nextId++;
    },
    cancelFrame: (id) => void tasks.delete(id as number),
  };
  const runUntil = (endMs: number): void => {
    for (;;) {
      let first: [number, { at: number; fn: () => void; render: boolean }] | null = null;
      for (const entry of tasks) if (!first || entry[1].at < first[1].at) first = entry;
      if (!first || first[1].at > endMs) break;
      tasks.delete(first[0]);
      now = Math.max(now, first[1].at);
      first[1].fn();
      if (first[1].render) now += renderCostMs; // Phaser draws after the tick, on the same thread
    }
    now = Math.max(now, endMs);
  };
  return { scheduler, runUntil, pending: () => tasks.size };
}

const setup: SimSetup = { seed: 77, players: [{ name: 'Kim' }, { name: 'Bot' }] };

/** Practice wired as run-match.ts wires it: the ticker drives the loop; renders and input sends are recorded. */
function practice(page: ReturnType<typeof fakePage>, humanInput: () => number) {
  const engine = createLockstep<SimState, SimSetup>({ game: ricochetGame, transport: createNullTransport('me'), setup, slotOwners: ['me', 'me'], localSlots: [0, 1] });
  const sends: number[] = [];
  const renders: number[] = [];
  let samples = 0;
  const loop = createMatchLoop({
    engine,
    clock: createFrameClock(FRAME_MS, 120, 0),
    localSlots: [0, 1],
    botSlots: [1],
    humanInput: () => (samples++, humanInput()),
    onInputScheduled: (now) => sends.push(now),
    botInput,
  });
  const stop = startTicker({ tick: (now) => void loop.tick(now), render: (now) => void renders.push(now) }, 0, page.scheduler);
  return { engine, sends, renders, stop, samples: () => samples };
}

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

describe('ticker', () => {
  it('steps frames at 60 Hz and sends inputs every frame when the display renders at 15 Hz', () => {
    const page = fakePage(15, 2);
    const run = practice(page, () => 0);
    page.runUntil(10_000);
    expect(run.renders.length).toBe(150);
    expect(run.engine.frame()).toBeGreaterThanOrEqual(598);
    expect(run.engine.frame()).toBeLessThanOrEqual(600);
    // No bursts: one local input scheduled per beat, never two frames' worth at once.
    const steady = gaps(run.sends.slice(10));
    expect(Math.max(...steady)).toBeLessThan(FRAME_MS + 2);
    expect(Math.min(...steady)).toBeGreaterThan(FRAME_MS - 2);
    run.stop();
  });

  it('samples the input once per frame, not once per render', () => {
    const page = fakePage(15, 2);
    // The player's input changes every 1/60 s: sampled per render, runs of 4 equal frames would show.
    const run = practice(page, () => (Math.floor(page.scheduler.now() / FRAME_MS) % 2 ? INPUT.LEFT : 0));
    page.runUntil(5_000);
    const slot0 = run.engine.inputLog().inputs.map((inputs) => inputs[0]);
    const changes = slot0.slice(1).filter((v, i) => v !== slot0[i]).length;
    expect(changes).toBeGreaterThan(slot0.length * 0.9);
    expect(run.samples()).toBeGreaterThanOrEqual(run.engine.frame());
    run.stop();
  });

  it('keeps the frame rate through slow renders, and a send gap is never longer than one render plus a frame', () => {
    const page = fakePage(15, 45); // a phone that spends 45 ms of every 67 drawing
    const run = practice(page, () => 0);
    page.runUntil(10_000);
    expect(run.engine.frame()).toBeGreaterThanOrEqual(595);
    expect(run.sends.length).toBeGreaterThanOrEqual(595);
    expect(Math.max(...gaps(run.sends.slice(10)))).toBeLessThanOrEqual(45 + FRAME_MS + 2);
    run.stop();
  });

  it('tells each beat how late it ran: on time beside short renders, behind long ones', () => {
    // Renders start 14 ms into each frame, so a long one covers the next beat (due at 17.7 ms).
    const lateness = (renderCostMs: number): number[] => {
      const page = fakePage(60, renderCostMs, 14);
      const late: number[] = [];
      const stop = startTicker({ tick: (_now, lateMs) => void late.push(lateMs) }, 0, page.scheduler);
      page.runUntil(5000);
      stop();
      return late;
    };
    expect(Math.max(...lateness(1))).toBeLessThanOrEqual(1); // a 1 ms render can hold a beat 1 ms at most
    const behindLongRenders = lateness(12);
    expect(behindLongRenders.length).toBeGreaterThanOrEqual(295);
    expect(behindLongRenders.filter((ms) => ms > 4).length / behindLongRenders.length).toBeGreaterThan(0.25);
  });

  it('stops both clocks', () => {
    const page = fakePage(60, 1);
    let ticks = 0;
    const stop = startTicker({ tick: () => void ticks++ }, 0, page.scheduler);
    page.runUntil(100);
    stop();
    const before = ticks;
    page.runUntil(1000);
    expect(ticks).toBe(before);
    expect(page.pending()).toBe(0);
  });

  it('aims each beat just past the next frame boundary of the match clock', () => {
    expect(delayToNextBeat(0, 0, FRAME_MS)).toBeCloseTo(1, 6); // the boundary at 0, plus 1 ms of slack
    expect(delayToNextBeat(FRAME_MS + 1, 0, FRAME_MS)).toBeCloseTo(FRAME_MS, 6);
    expect(delayToNextBeat(995.25, 995, FRAME_MS)).toBeCloseTo(0.75, 6); // 1 ms slack past the boundary at 995
    expect(delayToNextBeat(1000, 995, FRAME_MS)).toBeCloseTo(FRAME_MS - 4, 6); // late for that one: the next
    expect(delayToNextBeat(0, 500, FRAME_MS)).toBeGreaterThan(0); // before the start: still beats
  });
});
