import { describe, expect, it } from 'vitest';
import { reduceAway, type AwayContext, type AwayEffect, type AwayEvent } from '../../../net/lockstep/away';
import { createDropsState, type DropsState } from '../../../net/lockstep/drops';

// Us ('a', slot 0), 'b' (slot 1), 'c' (slot 2).
const ctx = (frame = 0): AwayContext => ({ self: 'a', frame, slotsOf: (p) => ({ b: [1], c: [2] })[p] ?? [], heldUntil: () => 40, rejoinFrame: () => 300, abstaining: false });

function run(events: AwayEvent[], start: DropsState = createDropsState(['b', 'c'], 3), context = ctx()) {
  let state = start;
  const effects: AwayEffect[] = [];
  for (const event of events) {
    const step = reduceAway(state, event, context);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}
const emitted = (effects: AwayEffect[]) => effects.flatMap((e) => (e.type === 'emit' ? [e.event] : []));

describe('away reducer', () => {
  it('a peer goes away at the highest proposal once every survivor proposed, and comes back at the highest rejoin', () => {
    const away = run([{ type: 'went-away', peer: 'b', reason: 'hidden' }, { type: 'away-proposed', from: 'c', target: 'b', frame: 44 }]);
    expect(away.state.status.get('b')).toBe('away');
    expect(away.state.live).toEqual(['c']);
    expect(away.state.absent.get('b')).toEqual({ from: 44, until: undefined });
    expect(away.effects).toContainEqual({ type: 'away-propose', target: 'b', frame: 40 });
    expect(away.effects).toContainEqual({ type: 'absent', peer: 'b', from: 44 });
    const back = run([{ type: 'back-proposed', from: 'c', target: 'b', frame: 320 }, { type: 'heard-again', peer: 'b' }], away.state);
    expect(back.state.status.get('b')).toBe('live');
    expect(back.state.absent.get('b')).toEqual({ from: 44, until: 320 });
    expect(emitted(back.effects)).toEqual([{ type: 'peer-back', peer: 'b', slots: [1], frame: 320 }]);
  });

  it("another survivor's word alone makes no one away or back", () => {
    const held = run([{ type: 'away-proposed', from: 'c', target: 'b', frame: 44 }]);
    expect(held.state.status.get('b')).toBe('live');
    const away = run([{ type: 'went-away', peer: 'b', reason: 'silent' }, { type: 'away-proposed', from: 'c', target: 'b', frame: 44 }]).state;
    const notHeard = run([{ type: 'back-proposed', from: 'c', target: 'b', frame: 320 }], away);
    expect(notHeard.state.status.get('b')).toBe('away');
  });

  it('each survivor proposes once: a repeat is a duplicate and changes nothing', () => {
    const { state, effects } = run([
      { type: 'went-away', peer: 'b', reason: 'silent' },
      { type: 'went-away', peer: 'c', reason: 'silent' },
    ]);
    // Alone, we agree at once; c went away too, so b's survivors are just us.
    expect(state.status.get('b')).toBe('away');
    const again = run([{ type: 'back-proposed', from: 'c', target: 'b', frame: 1 }, { type: 'back-proposed', from: 'c', target: 'b', frame: 2 }], state);
    expect(again.effects.filter((e) => e.type === 'reject')).toHaveLength(1);
    expect(again.state.backProposals.get('b')?.get('c')).toBe(1);
    expect(effects.filter((e) => e.type === 'away-propose')).toHaveLength(2);
  });

  it('we learn our own away frame, then our rejoin frame, once every peer playing with us proposed', () => {
    const first = run([{ type: 'away-proposed', from: 'b', target: 'a', frame: 50 }]);
    expect(first.effects.filter((e) => e.type === 'self-away')).toEqual([]);
    const both = run([{ type: 'away-proposed', from: 'c', target: 'a', frame: 52 }, { type: 'back-proposed', from: 'b', target: 'a', frame: 400 }, { type: 'back-proposed', from: 'c', target: 'a', frame: 410 }], first.state);
    expect(both.effects.filter((e) => e.type === 'self-away' || e.type === 'self-back')).toEqual([{ type: 'self-away', from: 52 }, { type: 'self-back', from: 52, until: 410 }]);
    expect(both.state.selfAway).toBeNull();
  });

  it('an away frame already simulated throws, in every build', () => {
    expect(() => run([{ type: 'went-away', peer: 'b', reason: 'silent' }, { type: 'away-proposed', from: 'c', target: 'b', frame: 44 }], undefined, ctx(60))).toThrow();
  });

  it('is pure: the state it is given is not changed', () => {
    const before = createDropsState(['b', 'c'], 3);
    const snapshot = structuredClone(before);
    run([{ type: 'went-away', peer: 'b', reason: 'silent' }, { type: 'away-proposed', from: 'c', target: 'b', frame: 44 }], before);
    expect(before).toEqual(snapshot);
  });
});
