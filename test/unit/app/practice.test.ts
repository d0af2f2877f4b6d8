import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../../net/lobby/messages';
import { practiceSetup } from '../../../game/app/practice-setup';
import { parseParams } from '../../../game/app/params';

describe('practice setup', () => {
  it('puts you in slot 0 and bots in every other slot', () => {
    const { setup, botSlots, colours } = practiceSetup({ name: 'Kim', colour: PALETTE[3], bots: 3, seed: 42, botSelf: false });
    expect(setup.players.map((p) => p.name)).toEqual(['Kim', 'Ada (bot)', 'Bolt (bot)', 'Cog (bot)']);
    expect(botSlots).toEqual([1, 2, 3]);
    expect(colours[0]).toBe(PALETTE[3]);
    expect(new Set(colours).size).toBe(4);
    expect(setup.seed).toBe(42);
    expect(setup.targetScore).toBeUndefined();
  });
  it('passes a chosen target score to the sim', () => {
    expect(practiceSetup({ name: 'Kim', colour: PALETTE[0], bots: 1, seed: 1, botSelf: false, targetScore: 2 }).setup.targetScore).toBe(2);
  });
  it('lets a bot play your slot too with bot=1', () => {
    expect(practiceSetup({ name: 'Kim', colour: PALETTE[0], bots: 7, seed: 1, botSelf: true }).botSlots).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('page parameters', () => {
  it('reads name, bot, auto, practice and seed', () => {
    expect(parseParams('?name=%20Zoe%20&bot=1&auto=1&practice=3&seed=7&target=2')).toEqual({ name: 'Zoe', bot: true, auto: true, practice: 3, seed: 7, target: 2, pin: null });
  });
  it('falls back to defaults on nonsense and clamps the bot count', () => {
    expect(parseParams('?practice=99&seed=x&bot=0')).toEqual({ name: null, bot: false, auto: false, practice: 7, seed: null, target: null, pin: null });
    expect(parseParams('')).toEqual({ name: null, bot: false, auto: false, practice: null, seed: null, target: null, pin: null });
  });
});
