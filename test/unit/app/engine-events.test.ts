import { describe, expect, it } from 'vitest';
import { describeEngineEvent, onceKey } from '../../../game/app/engine-events';

describe('engine event notices', () => {
  const names = ['Ada', 'Bo', 'Cy'];
  it('names the players of a dropped peer', () => {
    expect(describeEngineEvent({ type: 'peer-dropped', peer: 'p2', slots: [1, 2], frame: 300 }, names)).toEqual({ text: 'Bo, Cy left the match (frame 300).', fatal: false });
  });
  it('treats a desync and being dropped as fatal', () => {
    expect(describeEngineEvent({ type: 'desync', frame: 90, peer: 'p1', localHash: 1, remoteHash: 2 }, names)?.fatal).toBe(true);
    expect(describeEngineEvent({ type: 'self-dropped', by: 'p1' }, names)?.fatal).toBe(true);
  });
  it('names the odd one out of a checkpoint, and a peer caught lying, without ending the match', () => {
    const owners = ['p0', 'p1', 'p1'];
    expect(describeEngineEvent({ type: 'peer-desynced', peer: 'p1', frame: 600 }, names, owners)).toEqual({ text: 'Bo, Cy went out of sync at frame 600; the others play on.', fatal: false });
    expect(describeEngineEvent({ type: 'peer-misbehaved', peer: 'p0', reason: 'relayed inputs' }, names, owners)?.text).toMatch(/^Ada sent data/);
    expect(describeEngineEvent({ type: 'drop-disagreement', peer: 'p0', localFrame: 1, remoteFrame: 2, from: 'p1' }, names, owners)?.fatal).toBe(false);
  });
  it("shows a peer's conduct once per peer, not at every checkpoint; drops and desyncs every time", () => {
    expect(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 600 })).toBe(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 630 }));
    expect(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 600 })).not.toBe(onceKey({ type: 'peer-desynced', peer: 'p2', frame: 600 }));
    expect(onceKey({ type: 'peer-misbehaved', peer: 'p1', reason: 'x' })).not.toBe(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 600 }));
    expect(onceKey({ type: 'peer-dropped', peer: 'p2', slots: [1], frame: 300 })).toBeNull();
    expect(onceKey({ type: 'desync', frame: 90, peer: 'p1', localHash: 1, remoteHash: 2 })).toBeNull();
  });
  it('stays quiet about routine delay changes', () => {
    expect(describeEngineEvent({ type: 'delay-changed', frame: 10, delay: 4 }, names)).toBeNull();
  });
});
