import { describe, expect, it } from 'vitest';
import { createDropsState, reduceDrops, type DropContext, type DropEffect, type DropEvent, type DropsState } from '../../../net/lockstep/drops';
import { InvariantError } from '../../../net/lockstep/invariant';

// Four peers: us ('a', slot 0), 'b' (slots 1, 2), 'c' (slot 3), 'd' (slot 4).
const SLOTS: Record<string, number[]> = { b: [1, 2], c: [3], d: [4] };

function context(held: Record<string, number> = {}, frame = 0): DropContext {
  return { self: 'a', frame, slotsOf: (peer) => SLOTS[peer] ?? [], heldUntil: (peer) => held[peer] ?? 0 };
}

/** Apply events in order; collect every effect. */
function run(events: DropEvent[], ctx = context(), start = createDropsState(['b', 'c', 'd'], 5)) {
  let state: DropsState = start;
  const effects: DropEffect[] = [];
  for (const event of events) {
    const step = reduceDrops(state, event, ctx);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const emitted = (effects: DropEffect[]) => effects.flatMap((e) => (e.type === 'emit' ? [e.event.type] : []));

describe('drops reducer', () => {
  it('starts with every remote peer live, in slot order, and no slot leaving', () => {
    const state = createDropsState(['b', 'c', 'd'], 5);
    expect(state.live).toEqual(['b', 'c', 'd']);
    expect(state.leaveFrame).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('a lost peer becomes dropping, and we propose the frame up to which we hold all its inputs', () => {
    const { state, effects } = run([{ type: 'lost', peer: 'b', reason: 'silent' }], context({ b: 42 }));
    expect(state.status.get('b')).toBe('dropping');
    expect(state.live).toEqual(['c', 'd']);
    expect(effects).toEqual([
      { type: 'emit', event: { type: 'peer-dropping', peer: 'b', reason: 'silent' } },
      { type: 'propose', target: 'b', dropFrame: 42 },
    ]);
  });

  it('agrees on the maximum proposal once every survivor proposed, and the slots leave there', () => {
    const { state, effects } = run(
      [
        { type: 'lost', peer: 'b', reason: 'silent' },
        { type: 'proposed', from: 'c', target: 'b', dropFrame: 50 },
        { type: 'proposed', from: 'd', target: 'b', dropFrame: 45 },
      ],
      context({ b: 42 }),
    );
    expect(state.status.get('b')).toBe('dropped');
    expect(state.agreed.get('b')).toBe(50);
    expect(state.leaveFrame).toEqual([undefined, 50, 50, undefined, undefined]);
    expect(effects.filter((e) => e.type === 'agree')).toEqual([{ type: 'agree', target: 'b', dropFrame: 50 }]);
    expect(emitted(effects)).toEqual(['peer-dropping', 'peer-dropped']);
  });

  it('a proposal about a peer that is live for us drops nothing: it is no evidence of ours', () => {
    const { state, effects } = run([{ type: 'proposed', from: 'c', target: 'b', dropFrame: 7 }], context({ b: 9 }));
    expect(state.status.get('b')).toBe('live');
    expect(state.live).toEqual(['b', 'c', 'd']);
    expect(effects).toEqual([{ type: 'reject', reason: 'invalid' }]);
  });

  it('a repeated proposal, or one for a peer already dropped, is a duplicate and changes nothing', () => {
    const dropped = run([
      { type: 'lost', peer: 'd', reason: 'left' },
      { type: 'proposed', from: 'b', target: 'd', dropFrame: 0 },
      { type: 'proposed', from: 'c', target: 'd', dropFrame: 0 },
    ]).state;
    expect(dropped.status.get('d')).toBe('dropped');
    const late = reduceDrops(dropped, { type: 'proposed', from: 'b', target: 'd', dropFrame: 3 }, context());
    expect(late).toEqual({ state: dropped, effects: [{ type: 'reject', reason: 'duplicate' }] });
    const pending = run([
      { type: 'lost', peer: 'd', reason: 'left' },
      { type: 'proposed', from: 'b', target: 'd', dropFrame: 0 },
      { type: 'proposed', from: 'b', target: 'd', dropFrame: 5 },
    ]);
    expect(pending.effects.filter((e) => e.type === 'reject')).toHaveLength(1);
    expect(pending.state.proposals.get('d')?.get('b')).toBe(0);
  });

  it('losing a peer twice starts one drop: a dropped peer stays dropped', () => {
    const { state, effects } = run([
      { type: 'lost', peer: 'b', reason: 'silent' },
      { type: 'lost', peer: 'b', reason: 'connection down' },
    ]);
    expect(state.status.get('b')).toBe('dropping');
    expect(effects.filter((e) => e.type === 'propose')).toHaveLength(1);
  });

  it('settles a pending drop when the last survivor it waited for is itself lost', () => {
    const { state, effects } = run([
      { type: 'lost', peer: 'b', reason: 'silent' },
      { type: 'proposed', from: 'c', target: 'b', dropFrame: 3 },
      // d never proposes for b: it is lost too, so b's survivors are a and c, who both proposed.
      { type: 'lost', peer: 'd', reason: 'silent' },
    ]);
    expect(state.status.get('b')).toBe('dropped');
    expect(state.status.get('d')).toBe('dropping');
    expect(emitted(effects)).toEqual(['peer-dropping', 'peer-dropping', 'peer-dropped']);
  });

  it('a proposal to drop us marks this peer self-dropped only once every peer still playing proposed it, reported once', () => {
    const { state, effects } = run([
      { type: 'proposed', from: 'b', target: 'a', dropFrame: 10 },
      { type: 'proposed', from: 'c', target: 'a', dropFrame: 10 },
    ]);
    // d still plays with us: two accusers out of three are not the others' verdict.
    expect(state.selfDropped).toBe(false);
    const out = run([{ type: 'proposed', from: 'd', target: 'a', dropFrame: 10 }, { type: 'proposed', from: 'd', target: 'a', dropFrame: 11 }], context(), state);
    expect(out.state.selfDropped).toBe(true);
    expect([...effects, ...out.effects]).toEqual([{ type: 'emit', event: { type: 'self-dropped', by: 'd' } }]);
  });

  it('one survivor alone cannot drop us while another still plays with us', () => {
    const { state } = run([{ type: 'proposed', from: 'c', target: 'a', dropFrame: 10 }], context(), createDropsState(['b', 'c'], 3));
    expect(state.selfDropped).toBe(false);
  });

  it('drop-agree from the same survivor about the same peer counts once (the list stays bounded)', () => {
    const flood: DropEvent[] = Array.from({ length: 1000 }, (_, i) => ({ type: 'agreed', from: 'b', target: 'c', dropFrame: i }));
    const { state, effects } = run([...flood, { type: 'agreed', from: 'b', target: 'a', dropFrame: 1 }, { type: 'agreed', from: 'b', target: 'zz', dropFrame: 1 }]);
    expect(state.remoteAgrees.get('c')?.size).toBe(1);
    expect([...state.remoteAgrees.keys()]).toEqual(['c']);
    expect(effects.filter((e) => e.type === 'reject')).toHaveLength(1001);
  });

  it('after a split, the side outnumbered by the peers that dropped it learns it is out', () => {
    const split = run([
      { type: 'lost', peer: 'b', reason: 'silent' },
      { type: 'lost', peer: 'c', reason: 'silent' },
      { type: 'lost', peer: 'd', reason: 'silent' },
      { type: 'dropped-me', from: 'b' },
    ]);
    // b dropped us, and we dropped b, c and d: one against one is a tie, and we stay in.
    expect(split.state.selfDropped).toBe(false);
    const out = run([{ type: 'dropped-me', from: 'c' }], context(), split.state);
    expect(out.state.selfDropped).toBe(true);
    expect(out.effects).toEqual([{ type: 'emit', event: { type: 'self-dropped', by: 'c' } }]);
  });

  it('reports a survivor that settled on another frame, whether its agreement arrives before or after ours', () => {
    const settle: DropEvent[] = [
      { type: 'lost', peer: 'd', reason: 'left' },
      { type: 'proposed', from: 'b', target: 'd', dropFrame: 4 },
      { type: 'proposed', from: 'c', target: 'd', dropFrame: 4 },
    ];
    const early = run([{ type: 'agreed', from: 'b', target: 'd', dropFrame: 6 }, ...settle]);
    const late = run([...settle, { type: 'agreed', from: 'b', target: 'd', dropFrame: 6 }, { type: 'agreed', from: 'c', target: 'd', dropFrame: 4 }]);
    const disagreement = { type: 'drop-disagreement', peer: 'd', localFrame: 4, remoteFrame: 6, from: 'b' };
    for (const { effects } of [early, late]) {
      expect(effects.filter((e) => e.type === 'emit' && e.event.type === 'drop-disagreement')).toEqual([{ type: 'emit', event: disagreement }]);
    }
  });

  it('is pure: the state it is given is not changed', () => {
    const before = createDropsState(['b', 'c', 'd'], 5);
    const snapshot = structuredClone(before);
    run([{ type: 'lost', peer: 'b', reason: 'silent' }, { type: 'proposed', from: 'c', target: 'b', dropFrame: 1 }], context(), before);
    expect(before).toEqual(snapshot);
  });

  it('agreeing a drop frame already simulated throws, in every build', () => {
    // We hold b's inputs up to 5, but frame 8 is next: simulated frames would be rewritten.
    const events: DropEvent[] = [
      { type: 'lost', peer: 'd', reason: 'silent' },
      { type: 'proposed', from: 'b', target: 'd', dropFrame: 5 },
      { type: 'proposed', from: 'c', target: 'd', dropFrame: 5 },
    ];
    expect(() => run(events, context({ d: 5 }, 8))).toThrow(InvariantError);
  });
});
