import { describe, expect, it } from 'vitest';
import { installTestSurface } from '../../../game/app/test-surface';
import type { MeshFigures } from '../../../game/app/mesh-record';

const figures: MeshFigures = {
  status: { signalling: 'open', signallingError: null, links: [{ peer: 'b', state: 'up', phase: 'up', attempts: 1, lastError: '', ice: 'connected' }], meshMs: 120, signallingMs: 30 },
  connection: null,
  error: null,
  history: [],
};

describe('window.ricochet', () => {
  const win = {} as Window & { ricochet: Record<string, (...a: unknown[]) => unknown> };
  installTestSurface(win, {
    session: () => null,
    mesh: () => figures,
    scene: () => 'lobby',
    lobby: () => ({ status: 'no-host', roster: null }),
    loadProgress: () => 1,
  });

  it('is a frozen object of functions that cannot be replaced', () => {
    expect(Object.isFrozen(win.ricochet)).toBe(true);
    expect(() => {
      (win as { ricochet: unknown }).ricochet = {};
    }).toThrow();
    expect(Object.values(win.ricochet).every((v) => typeof v === 'function')).toBe(true);
  });
  it('keeps the contract outside scripts use, and is the only surface (no window.ricochetMesh)', () => {
    const contract = ['frame', 'checkpoints', 'peers', 'stats', 'replay', 'state', 'slots', 'problem', 'scene', 'lobby', 'loadProgress'];
    for (const name of contract) expect(typeof win.ricochet[name]).toBe('function');
    expect('ricochetMesh' in win).toBe(false);
  });
  it('answers before any match: frame 0, no checkpoints, no peers, no replay', () => {
    expect(win.ricochet.frame?.()).toBe(0);
    expect(win.ricochet.checkpoints?.()).toEqual([]);
    expect(win.ricochet.peers?.()).toEqual([]);
    expect(win.ricochet.replay?.()).toBeNull();
    expect(win.ricochet.desyncReport?.()).toBeNull();
    expect(win.ricochet.pace?.()).toBeNull();
    expect(win.ricochet.scene?.()).toBe('lobby');
  });
  it('gives the mesh figures that window.ricochetMesh used to: status, connection, error, history', () => {
    const mesh = win.ricochet.mesh?.() as MeshFigures;
    expect(mesh.status?.links.map((l) => l.state)).toEqual(['up']);
    expect(mesh.status?.meshMs).toBe(120);
    expect(mesh).toMatchObject({ connection: null, error: null, history: [] });
  });
  it('hands out copies, so a caller cannot reach the page state', () => {
    const lobby = win.ricochet.lobby?.() as { status: string };
    lobby.status = 'tampered';
    expect((win.ricochet.lobby?.() as { status: string }).status).toBe('no-host');
    (win.ricochet.mesh?.() as unknown as { history: unknown[] }).history.push('tampered');
    expect((win.ricochet.mesh?.() as MeshFigures).history).toEqual([]);
  });
});
