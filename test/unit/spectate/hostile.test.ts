import { describe, expect, it } from 'vitest';
import { ricochetGame, type SimState } from '../../../game/sim/index';
import { createSpectator, SpectatorFeeder, type FeedSource } from '../../../net/spectate';
import { MAX_WATCHERS } from '../../../net/spectate/feeder';
import { encodeEngine } from '../../../net/protocol/engine-codec';
import { decodeSpectate, encodeSpectate } from '../../../net/protocol/spectate-codec';
import type { SpectateMessage } from '../../../net/protocol/spectate-messages';
import { MAX_MESSAGE_BYTES, MESSAGE_TYPE, PROTOCOL_VERSION } from '../../../net/protocol/wire-format';
import { PROFILES } from '../../simnet/profiles';
import { createSimNetwork } from '../../simnet/sim-network';

const setup = { seed: 3, players: [{ name: 'a' }, { name: 'b' }] };
const state0 = ricochetGame.initialState(setup);

/** A player that has confirmed 90 frames of input 0, with checkpoints at 30, 60 and 90 (the state kept is frame 0's, for the test). */
const source: FeedSource<SimState> = {
  confirmedFrame: () => 90,
  inputLog: () => ({ inputs: Array.from({ length: 90 }, () => [0, 0]), leaves: [] }),
  checkpoints: () => [[30, 1], [60, 2], [90, 3]],
  checkpointState: () => ({ frame: 0, state: state0 }),
};

/** p0 is the player (a feeder), p1 a spectator (raw messages from the test), p2 a stranger. */
function rig() {
  const net = createSimNetwork(3, PROFILES.clean!, 1);
  const feeder = new SpectatorFeeder(net.transport(0), ricochetGame, 2);
  const from = (i: number, msg: SpectateMessage | Uint8Array): void => net.transport(i).send('p0', msg instanceof Uint8Array ? msg : encodeSpectate(msg), 'reliable');
  const deliver = (): void => {
    net.advanceTo(net.now() + 50);
    feeder.poll(source);
  };
  return { net, feeder, from, deliver };
}

describe('a player refuses bogus spectator messages, with a reason, and feeds on', () => {
  it.each([
    ['garbage', Uint8Array.from([9, 9, 9]), /not the spectate protocol's: protocol version 9/],
    ['an oversized message', new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(PROTOCOL_VERSION), /not the spectate protocol's: 1025 bytes > 1024/],
    ['an engine message', encodeEngine({ kind: 'leave', frame: 3 }), /leave \(type 10\) is not a message of the spectate protocol/],
    ['a feed, which only a player sends', encodeSpectate({ kind: 'feedInputs', startFrame: 0, slots: 2, rows: [[0, 0]], leaves: [] }), /a feedInputs message, which only a player sends/],
    ['a watch from far ahead', encodeSpectate({ kind: 'watch', from: 5000 }), /a watch from frame 5000, far past this player's frame 90/],
  ])('%s', (_what, bytes, reason) => {
    const { feeder, from, deliver } = rig();
    from(1, bytes);
    deliver();
    expect(feeder.drainEvents()).toEqual([{ type: 'watcher-refused', peer: 'p1', reason: expect.stringMatching(reason) }]);
    expect(feeder.watching()).toEqual([]);
  });

  it('a second watch is refused and changes nothing: the first feed goes on', () => {
    const { feeder, from, deliver } = rig();
    from(1, { kind: 'watch', from: null });
    deliver();
    from(1, { kind: 'watch', from: 30 });
    deliver();
    expect(feeder.drainEvents()).toEqual([
      { type: 'watching', peer: 'p1', from: 0, snapshotBytes: expect.any(Number) },
      { type: 'watcher-refused', peer: 'p1', reason: 'a second watch: it is already fed' },
    ]);
    expect(feeder.watching()).toEqual(['p1']);
  });

  it(`at most ${MAX_WATCHERS} spectators per player`, () => {
    const net = createSimNetwork(MAX_WATCHERS + 2, PROFILES.clean!, 1);
    const feeder = new SpectatorFeeder(net.transport(0), ricochetGame, 2);
    for (let i = 1; i <= MAX_WATCHERS + 1; i++) net.transport(i).send('p0', encodeSpectate({ kind: 'watch', from: 0 }), 'reliable');
    net.advanceTo(50);
    feeder.poll(source);
    expect(feeder.watching()).toHaveLength(MAX_WATCHERS);
    expect(feeder.drainEvents().at(-1)).toEqual({ type: 'watcher-refused', peer: `p${MAX_WATCHERS + 1}`, reason: `${MAX_WATCHERS} spectators already watch this player` });
  });
});

describe('a spectator refuses what its feeder should not send', () => {
  /** p0 feeds (raw messages from the test), p1 watches, p2 is a stranger. */
  function watcher() {
    const net = createSimNetwork(3, PROFILES.clean!, 1);
    const spectator = createSpectator({ game: ricochetGame, transport: net.transport(1), feeder: 'p0', slots: 2 });
    const send = (i: number, msg: SpectateMessage): void => net.transport(i).send('p1', encodeSpectate(msg), 'reliable');
    const deliver = (): void => {
      net.advanceTo(net.now() + 50);
      spectator.poll(net.now());
    };
    return { spectator, send, deliver };
  }
  const snapshotOf = (state: SimState, frame: number, hash = ricochetGame.hash(state)): SpectateMessage[] => {
    const bytes = ricochetGame.encodeState!(state);
    return [{ kind: 'feedStart', frame, hash }, { kind: 'snapshotChunk', frame, totalBytes: bytes.length, index: 0, data: bytes }];
  };

  it('inputs before a snapshot, and anything from a player that does not feed it', () => {
    const { spectator, send, deliver } = watcher();
    send(2, { kind: 'feedStart', frame: 0, hash: 1 });
    send(0, { kind: 'feedInputs', startFrame: 0, slots: 2, rows: [[0, 0]], leaves: [] });
    deliver();
    expect(spectator.status()).toMatchObject({ phase: 'connecting', problem: 'The player feeding this view sent inputs (frame 0) before a snapshot.' });
    expect(spectator.stats().rejected).toMatchObject({ invalid: 1, spoofed: 1 });
  });

  it('a snapshot whose state does not hash to its checkpoint: it fails with a clear problem', () => {
    const { spectator, send, deliver } = watcher();
    for (const msg of snapshotOf(state0, 0, 12345)) send(0, msg);
    deliver();
    expect(spectator.status()).toMatchObject({ phase: 'failed', problem: "The match's state from p0 does not match its checkpoint at frame 0." });
    expect(spectator.ready()).toBe(false);
  });

  it('inputs out of order (a gap): it fails, and plays nothing past what it held', () => {
    const { spectator, send, deliver } = watcher();
    for (const msg of snapshotOf(state0, 0)) send(0, msg);
    send(0, { kind: 'feedInputs', startFrame: 0, slots: 2, rows: [[0, 0], [0, 0]], leaves: [] });
    send(0, { kind: 'feedInputs', startFrame: 5, slots: 2, rows: [[0, 0]], leaves: [] });
    deliver();
    expect(spectator.status()).toMatchObject({ phase: 'failed', problem: 'The player feeding this view sent inputs from frame 5, but frame 2 is missing.' });
    expect(spectator.advance(0).kind).toBe('stalled');
  });

  it('a checkpoint off the interval, and a feed for another slot count, are refused; a hash that differs is a desync', () => {
    const { spectator, send, deliver } = watcher();
    for (const msg of snapshotOf(state0, 0)) send(0, msg);
    send(0, { kind: 'checkpoint', frame: 31, hash: 1, sections: [] });
    send(0, { kind: 'feedInputs', startFrame: 0, slots: 3, rows: [[0, 0, 0]], leaves: [] });
    send(0, { kind: 'feedInputs', startFrame: 0, slots: 2, rows: Array.from({ length: 30 }, () => [0, 0]), leaves: [] });
    send(0, { kind: 'checkpoint', frame: 30, hash: 7, sections: [] });
    deliver();
    expect(spectator.stats().rejected.invalid).toBe(2);
    let frames = 0;
    while (spectator.advance(0).kind === 'advanced') frames++;
    expect(frames).toBe(30);
    expect(spectator.drainEvents()).toEqual([expect.objectContaining({ type: 'desync', frame: 30, peer: 'p0', remoteHash: 7 })]);
    expect(spectator.status().mismatches).toBe(1);
  });
});

describe('the spectate codec', () => {
  const examples: SpectateMessage[] = [
    { kind: 'watch', from: null },
    { kind: 'watch', from: 123_456 },
    { kind: 'feedStart', frame: 420, hash: 0xdeadbeef },
    { kind: 'feedInputs', startFrame: 990, slots: 8, rows: Array.from({ length: 32 }, (_, f) => Array.from({ length: 8 }, (_, s) => (f * s * 977) % 0x10000)), leaves: [[991, 3], [1021, 7]] },
    { kind: 'checkpoint', frame: 30, hash: 5, sections: [] },
  ];

  it.each(examples)('round-trips %o under the size cap, with its own type code', (msg) => {
    const bytes = encodeSpectate(msg);
    expect(bytes.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(bytes[1]).toBe(MESSAGE_TYPE[msg.kind]);
    expect(decodeSpectate(bytes)).toEqual({ ok: true, msg });
  });

  it('refuses out-of-range counts, slots and leave frames, and never throws', () => {
    const v = PROTOCOL_VERSION;
    const t = MESSAGE_TYPE.feedInputs;
    expect(decodeSpectate(Uint8Array.from([v, t, 0, 9, 1, 0]))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(decodeSpectate(Uint8Array.from([v, t, 0, 1, 33, 0]))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(decodeSpectate(Uint8Array.from([v, t, 0, 1, 1, 0, 1, 1, 0]))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(decodeSpectate(Uint8Array.from([v, t, 0, 2, 1, 0, 0, 1, 0, 2]))).toMatchObject({ ok: false, error: { code: 'bad-value', message: 'a leave of slot 2 in a feed of 2 slots' } });
    expect(decodeSpectate(Uint8Array.from([v, MESSAGE_TYPE.watch, 2]))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(decodeSpectate(Uint8Array.from([v, MESSAGE_TYPE.watch, 0, 0]))).toMatchObject({ ok: false, error: { code: 'trailing-bytes' } });
    expect(() => encodeSpectate({ kind: 'feedInputs', startFrame: 0, slots: 2, rows: [[0]], leaves: [] })).toThrow(RangeError);
    expect(() => encodeSpectate({ kind: 'feedInputs', startFrame: 0, slots: 2, rows: [[0, 0]], leaves: [[1, 0]] })).toThrow(/outside the feed/);
  });
});
