import { describe, expect, it } from 'vitest';
import type { SimEvent, SimState } from '../../../game/sim/types';
import { createMenuButton } from '../../../game/input/menu-button';
import { killLine } from '../../../game/ui/kill-feed';
import { watchingText } from '../../../game/ui/watching-notice';
import { lighten } from '../../../game/view/colour';

const names = ['Ada', 'Bolt', 'Cog', 'Dot', 'Echo'];
const explode = (by: number, slot: number, bounces: number): Extract<SimEvent, { type: 'explode' }> => ({ type: 'explode', slot, by, shell: 1, bounces, x: 0, y: 0 });
const words = (event: Extract<SimEvent, { type: 'explode' }>): string => killLine(event, names).map((p) => p.text).join('');

describe('kill feed lines', () => {
  it('say who hit whom and off how many walls', () => {
    expect(words(explode(0, 1, 2))).toBe('Ada hit Bolt (2 bounces)');
    expect(words(explode(0, 1, 1))).toBe('Ada hit Bolt (1 bounce)');
    expect(words(explode(3, 4, 0))).toBe('Dot hit Echo');
  });
  it('say "themself" for a player hit by their own shell', () => expect(words(explode(2, 2, 0))).toBe('Cog hit themself'));
  it('colour the names by slot and leave the words plain', () => {
    expect(killLine(explode(0, 1, 3), names).map((p) => p.slot)).toEqual([0, null, 1, null]);
    expect(killLine(explode(2, 2, 0), names).map((p) => p.slot)).toEqual([2, null, null]);
  });
});

describe('the "you\'re out" notice', () => {
  const state = (phase: SimState['phase'], alive: boolean, present = true): SimState => ({ phase, tanks: [{ alive: true, present: true }, { alive, present }] }) as unknown as SimState;
  it('shows while the round goes on without your tank', () => expect(watchingText(state('playing', false), 1)).toMatch(/^You're out — watching/));
  it('is gone while your tank plays, between rounds and after the match', () => {
    expect(watchingText(state('playing', true), 1)).toBeNull();
    expect(watchingText(state('round-over', false), 1)).toBeNull();
    expect(watchingText(state('match-over', false), 1)).toBeNull();
  });
  it('says so when you have left or were dropped', () => expect(watchingText(state('playing', false, false), 1)).toMatch(/left the match/));
});

describe('shell colours', () => {
  it('move a colour towards white by the amount asked', () => {
    expect(lighten('#0072B2', 0)).toBe('#0072b2');
    expect(lighten('#000000', 0.5)).toBe('#808080');
    expect(lighten('#0072B2', 1)).toBe('#ffffff');
  });
});

describe('the gamepad Start button', () => {
  it('counts a press once, however long it is held, and again after a release', () => {
    let held = false;
    const nav = { getGamepads: () => [{ connected: true, buttons: Array.from({ length: 16 }, (_, i) => ({ pressed: i === 9 && held })) }] } as unknown as Navigator;
    const start = createMenuButton(nav);
    expect(start.pressed()).toBe(false);
    held = true;
    expect([start.pressed(), start.pressed()]).toEqual([true, false]);
    held = false;
    expect(start.pressed()).toBe(false);
    held = true;
    expect(start.pressed()).toBe(true);
  });
  it('is never pressed without the Gamepad API', () => expect(createMenuButton({} as Navigator).pressed()).toBe(false));
});
