import { describe, expect, it } from 'vitest';
import { describeEngineEvent, onceKey } from '../../../game/app/engine-events';

describe('engine event notices', () => {
  const names = ['Ada', 'Bo', 'Cy'];
  it('names the players of a dropped peer', () => {
    expect(describeEngineEvent({ type: 'peer-dropped', peer: 'p2', slots: [1, 2], frame: 300 }, names)).toEqual({ text: 'Bo, Cy left the match (frame 300).', fatal: false });
  });
  it('treats a desync and being dropped as fatal', () => {
    expect(describeEngineEvent({ type: 'desync', frame: 90, peer: 'p1', localHash: 1, remoteHash: 2, outvoted: false, recovering: false, sections: [] }, names)?.fatal).toBe(true);
    expect(describeEngineEvent({ type: 'self-dropped', by: 'p1' }, names)?.fatal).toBe(true);
  });
  it('names the sections of a desync, and whom they differ from', () => {
    const owners = ['p0', 'p1', 'p2'];
    const desync = { type: 'desync', frame: 1230, peer: 'p1', localHash: 1, remoteHash: 2, recovering: false, sections: ['shells', 'prng'] } as const;
    expect(describeEngineEvent({ ...desync, outvoted: true }, names, owners)?.text).toBe('Out of sync at frame 1230: shells, prng differ from the majority. This page leaves the match.');
    expect(describeEngineEvent({ ...desync, outvoted: false }, names, owners)?.text).toBe("Out of sync at frame 1230: shells, prng differ from Bo's, and no majority agrees. This match can no longer be trusted.");
    expect(describeEngineEvent({ ...desync, outvoted: false, recovering: false, sections: [] }, names, owners)?.text).toMatch(/^Out of sync at frame 1230: the game differs from Bo's/);
    expect(describeEngineEvent({ type: 'peer-desynced', peer: 'p2', frame: 60, sections: ['tanks'] }, names, owners)?.text).toBe('Cy went out of sync at frame 60 (tanks); the others play on.');
  });
  it('does not end the match of an outvoted page that loads the majority state, unless that fails', () => {
    const desync = { type: 'desync', frame: 1230, peer: 'p1', localHash: 1, remoteHash: 2, outvoted: true, recovering: true, sections: ['shells'] } as const;
    expect(describeEngineEvent(desync, names)).toEqual({ text: "Out of sync at frame 1230: shells differ from the majority. Loading the majority's state…", fatal: false });
    expect(describeEngineEvent({ type: 'resynced', frame: 1230, from: 'p1', bytes: 2379, ms: 41 }, names)).toEqual({ text: "Resynced at frame 1230: this page loaded the majority's state (2.4 kB in 41 ms) and plays on.", fatal: false });
    expect(describeEngineEvent({ type: 'resync-failed', frame: 1230, reason: 'no snapshot within 4 s' }, names)).toEqual({
      text: "Out of sync at frame 1230, and the majority's state could not be loaded (no snapshot within 4 s). This page leaves the match.",
      fatal: true,
    });
  });
  it('names the odd one out of a checkpoint, and a peer caught lying, without ending the match', () => {
    const owners = ['p0', 'p1', 'p1'];
    expect(describeEngineEvent({ type: 'peer-desynced', peer: 'p1', frame: 600, sections: [] }, names, owners)).toEqual({ text: 'Bo, Cy went out of sync at frame 600; the others play on.', fatal: false });
    expect(describeEngineEvent({ type: 'peer-misbehaved', peer: 'p0', reason: 'relayed inputs' }, names, owners)?.text).toMatch(/^Ada sent data/);
    expect(describeEngineEvent({ type: 'drop-disagreement', peer: 'p0', localFrame: 1, remoteFrame: 2, from: 'p1' }, names, owners)?.fatal).toBe(false);
  });
  it("shows a peer's conduct once per peer, not at every checkpoint; drops and desyncs every time", () => {
    expect(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 600, sections: [] })).toBe(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 630, sections: [] }));
    expect(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 600, sections: [] })).not.toBe(onceKey({ type: 'peer-desynced', peer: 'p2', frame: 600, sections: [] }));
    expect(onceKey({ type: 'peer-misbehaved', peer: 'p1', reason: 'x' })).not.toBe(onceKey({ type: 'peer-desynced', peer: 'p1', frame: 600, sections: [] }));
    expect(onceKey({ type: 'peer-dropped', peer: 'p2', slots: [1], frame: 300 })).toBeNull();
    expect(onceKey({ type: 'desync', frame: 90, peer: 'p1', localHash: 1, remoteHash: 2, outvoted: false, recovering: false, sections: [] })).toBeNull();
  });
  it('says when the odd one out is back in sync, once per peer', () => {
    const owners = ['p0', 'p1', 'p2'];
    expect(describeEngineEvent({ type: 'peer-resynced', peer: 'p2', frame: 450 }, names, owners)).toEqual({ text: "Cy is back in sync at frame 450: it loaded the majority's state, and all agree again.", fatal: false });
    expect(onceKey({ type: 'peer-resynced', peer: 'p2', frame: 450 })).toBe(onceKey({ type: 'peer-resynced', peer: 'p2', frame: 900 }));
    expect(onceKey({ type: 'peer-resynced', peer: 'p2', frame: 450 })).not.toBe(onceKey({ type: 'peer-desynced', peer: 'p2', frame: 420, sections: [] }));
  });
  it('stays quiet about routine delay changes', () => {
    expect(describeEngineEvent({ type: 'delay-changed', frame: 10, delay: 4 }, names)).toBeNull();
  });
});
