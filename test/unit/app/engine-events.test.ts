import { describe, expect, it } from 'vitest';
import { describeEngineEvent } from '../../../game/app/engine-events';

describe('engine event notices', () => {
  const names = ['Ada', 'Bo', 'Cy'];
  it('names the players of a dropped peer', () => {
    expect(describeEngineEvent({ type: 'peer-dropped', peer: 'p2', slots: [1, 2], frame: 300 }, names)).toEqual({ text: 'Bo, Cy left the match (frame 300).', fatal: false });
  });
  it('treats a desync and being dropped as fatal', () => {
    expect(describeEngineEvent({ type: 'desync', frame: 90, peer: 'p1', localHash: 1, remoteHash: 2 }, names)?.fatal).toBe(true);
    expect(describeEngineEvent({ type: 'self-dropped', by: 'p1' }, names)?.fatal).toBe(true);
  });
  it('stays quiet about routine delay changes', () => {
    expect(describeEngineEvent({ type: 'delay-changed', frame: 10, delay: 4 }, names)).toBeNull();
  });
});
