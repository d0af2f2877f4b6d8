import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_OPTIONS, PALETTE } from '../../../net/lobby/messages';
import { practiceSetup } from '../../../game/app/practice-setup';
import { initialOptions, parseParams, presetOptions } from '../../../game/app/params';

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
  it('plays by the match options: target score, maze size and bot level', () => {
    const options = { targetScore: 3, maze: 'large', botLevel: 'easy', netcode: 'lockstep' } as const;
    const out = practiceSetup({ name: 'Kim', colour: PALETTE[0], bots: 2, seed: 1, botSelf: false, targetScore: 9, options });
    expect(out.setup).toMatchObject({ targetScore: 3, maze: { cols: 12, rows: 8 } });
    expect(out.botLevel).toBe('easy');
    const auto = practiceSetup({ name: 'Kim', colour: PALETTE[0], bots: 2, seed: 1, botSelf: false, options: { ...options, maze: 'auto' } });
    expect(auto.setup.maze).toBeUndefined();
    expect(practiceSetup({ name: 'Kim', colour: PALETTE[0], bots: 2, seed: 1, botSelf: false }).botLevel).toBe('normal');
  });
  it('lets a bot play your slot too with bot=1', () => {
    expect(practiceSetup({ name: 'Kim', colour: PALETTE[0], bots: 7, seed: 1, botSelf: true }).botSlots).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

const none = { name: null, bot: false, auto: false, practice: null, seed: null, target: null, pin: null, maze: null, level: null, netcode: null, spectate: false };

describe('page parameters', () => {
  it('reads name, bot, auto, practice and seed', () => {
    expect(parseParams('?name=%20Zoe%20&bot=1&auto=1&practice=3&seed=7&target=2')).toEqual({ ...none, name: 'Zoe', bot: true, auto: true, practice: 3, seed: 7, target: 2 });
  });
  it('falls back to defaults on nonsense and clamps the bot count', () => {
    expect(parseParams('?practice=99&seed=x&bot=0')).toEqual({ ...none, practice: 7 });
    expect(parseParams('')).toEqual(none);
  });
  it('reads spectate=1 (watch the match rather than play)', () => {
    expect(parseParams('?name=Watcher&spectate=1')).toEqual({ ...none, name: 'Watcher', spectate: true });
    expect(parseParams('?spectate=0').spectate).toBe(false);
  });
});

describe('match option parameters', () => {
  it('reads target, maze, level and netcode, and presets exactly those given', () => {
    const params = parseParams('?target=2&maze=small&level=hard&netcode=rollback');
    expect(params).toMatchObject({ target: 2, maze: 'small', level: 'hard', netcode: 'rollback' });
    expect(presetOptions(params)).toEqual({ targetScore: 2, maze: 'small', botLevel: 'hard', netcode: 'rollback' });
    expect(presetOptions(parseParams('?level=easy'))).toEqual({ botLevel: 'easy' });
    expect(presetOptions(parseParams(''))).toEqual({});
    expect(initialOptions(parseParams('?maze=large'))).toEqual({ ...DEFAULT_MATCH_OPTIONS, maze: 'large' });
  });

  it('falls back on nonsense: unknown choices are ignored, the target is clamped to 1..99', () => {
    const params = parseParams('?maze=HUGE&level=Hard&netcode=&target=500');
    expect(params).toMatchObject({ maze: null, level: null, netcode: null, target: 99 });
    expect(parseParams('?target=0').target).toBe(1);
    expect(parseParams('?target=abc&maze=__proto__&level=toString').target).toBeNull();
    expect(presetOptions(parseParams('?target=abc&maze=__proto__&level=toString'))).toEqual({});
    expect(initialOptions(parseParams('?maze=1'))).toEqual(DEFAULT_MATCH_OPTIONS);
  });
});
