import { describe, expect, it } from 'vitest';
import { installTestSurface } from '../../../game/app/test-surface';

describe('window.ricochet', () => {
  const win = {} as Window & { ricochet: Record<string, (...a: unknown[]) => unknown> };
  installTestSurface(win, { scene: () => 'lobby', lobby: () => ({ status: 'no-host', roster: null }), loadProgress: () => 1 });

  it('is a frozen object of functions that cannot be replaced', () => {
    expect(Object.isFrozen(win.ricochet)).toBe(true);
    expect(() => {
      (win as { ricochet: unknown }).ricochet = {};
    }).toThrow();
    expect(Object.values(win.ricochet).every((v) => typeof v === 'function')).toBe(true);
  });
  it('answers before any match: frame 0, no checkpoints, no peers, no replay', () => {
    expect(win.ricochet.frame?.()).toBe(0);
    expect(win.ricochet.checkpoints?.()).toEqual([]);
    expect(win.ricochet.peers?.()).toEqual([]);
    expect(win.ricochet.replay?.()).toBeNull();
    expect(win.ricochet.scene?.()).toBe('lobby');
  });
  it('hands out copies, so a caller cannot reach the page state', () => {
    const lobby = win.ricochet.lobby?.() as { status: string };
    lobby.status = 'tampered';
    expect((win.ricochet.lobby?.() as { status: string }).status).toBe('no-host');
  });
});
