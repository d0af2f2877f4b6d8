import { describe, expect, it } from 'vitest';
import { ROUND_OVER_FRAMES } from '../../../game/sim/constants';
import { initialState } from '../../../game/sim/initial-state';
import { leave } from '../../../game/sim/leave';
import { step } from '../../../game/sim/step';
import { cellCentre, sandbox } from '../../fixtures/sim-states';
import type { SimState } from '../../../game/sim/types';

const idle = (s: SimState) => step(s, s.tanks.map(() => 0));
const kill = (s: SimState, ...slots: number[]): SimState => ({
  ...s,
  tanks: s.tanks.map((t) => (slots.includes(t.slot) ? { ...t, alive: false } : t)),
});
const three = () => sandbox({ players: 3, tanks: [cellCentre(0, 0), cellCentre(8, 5), cellCentre(4, 3)] });

describe('round flow', () => {
  it('goes on while two or more tanks are alive', () => {
    const s = idle(kill(three(), 0));
    expect(s.phase).toBe('playing');
    expect(s.scores).toEqual([0, 0, 0]);
  });

  it('scores the last tank standing at once and pauses for ROUND_OVER_FRAMES', () => {
    const s = idle(kill(three(), 0, 2));
    expect(s.phase).toBe('round-over');
    expect(s.scores).toEqual([0, 1, 0]);
    expect(s.roundWinner).toBe(1);
    expect(s.phaseFrames).toBe(ROUND_OVER_FRAMES);
    expect(s.events).toContainEqual({ type: 'round-over', winner: 1 });
  });

  it('scores nobody when the last tanks die together (a draw)', () => {
    const s = idle(kill(three(), 0, 1, 2));
    expect(s.phase).toBe('round-over');
    expect(s.scores).toEqual([0, 0, 0]);
    expect(s.events).toContainEqual({ type: 'round-over', winner: -1 });
  });

  it('starts a new round with a new maze and every present tank alive after the pause', () => {
    let s = idle(kill(initialState({ seed: 3, players: [{ name: 'a' }, { name: 'b' }] }), 0));
    const oldMaze = s.maze;
    for (let f = 0; f < ROUND_OVER_FRAMES - 1; f++) s = idle(s);
    expect(s.phase).toBe('round-over');
    s = idle(s);
    expect(s.phase).toBe('playing');
    expect(s.round).toBe(2);
    expect(s.maze).not.toEqual(oldMaze);
    expect(s.tanks.every((t) => t.alive)).toBe(true);
    expect(s.shells).toEqual([]);
    expect(s.events).toContainEqual({ type: 'round-start', round: 2 });
  });

  it('ends the match when a score reaches the target, and stays over', () => {
    let s = sandbox({ players: 2, targetScore: 2, tanks: [cellCentre(0, 0), cellCentre(8, 5)] });
    s = { ...s, scores: [1, 0] };
    s = idle(kill(s, 1));
    expect(s.phase).toBe('match-over');
    expect(s.winner).toBe(0);
    expect(s.events).toContainEqual({ type: 'match-over', winner: 0 });
    for (let f = 0; f < ROUND_OVER_FRAMES + 10; f++) s = idle(s);
    expect([s.phase, s.winner, s.round, s.scores]).toEqual(['match-over', 0, 1, [2, 0]]);
  });

  it('uses the default target score of 5 when the setup gives none', () => {
    expect(initialState({ seed: 1, players: [{ name: 'a' }, { name: 'b' }] }).targetScore).toBe(5);
  });

  it('rejects a setup with no players, too many players or a fractional seed', () => {
    expect(() => initialState({ seed: 1, players: [] })).toThrow(RangeError);
    expect(() => initialState({ seed: 1, players: Array.from({ length: 9 }, () => ({ name: 'x' })) })).toThrow(RangeError);
    expect(() => initialState({ seed: 1.5, players: [{ name: 'a' }] })).toThrow(TypeError);
  });

  it('in a solo game, a round ends only when the lone tank dies, with no score', () => {
    const solo = initialState({ seed: 1, players: [{ name: 'a' }] });
    expect(idle(solo).phase).toBe('playing');
    const dead = idle(kill(solo, 0));
    expect([dead.phase, dead.scores]).toEqual(['round-over', [0]]);
  });
});

describe('leave', () => {
  it('removes the tank at once, and it is not respawned next round', () => {
    let s = leave(three(), 2);
    expect(s.tanks[2]).toMatchObject({ alive: false, present: false });
    s = idle(kill(s, 0));
    expect(s.scores).toEqual([0, 1, 0]);
    for (let f = 0; f < ROUND_OVER_FRAMES; f++) s = idle(s);
    expect(s.round).toBe(2);
    expect(s.tanks.map((t) => t.alive)).toEqual([true, true, false]);
  });

  it('ignores the input of a slot that has left', () => {
    const s = leave(three(), 1);
    expect(step(s, [0, 1, 0]).tanks[1]).toEqual(s.tanks[1]);
  });

  it('gives the match to the last player present: one who left can no longer win', () => {
    let s = sandbox({ players: 2, tanks: [cellCentre(0, 0), cellCentre(8, 5)] });
    s = { ...s, scores: [0, 4] };
    s = idle(leave(s, 1));
    expect([s.phase, s.winner]).toEqual(['match-over', 0]);
    expect(s.events).toContainEqual({ type: 'match-over', winner: 0 });
  });

  it('throws on a slot that does not exist (a programmer error)', () => {
    expect(() => leave(three(), 3)).toThrow(RangeError);
  });
});
