import { describe, expect, it } from 'vitest';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';
import { MESSAGE_TYPE, PROTOCOL_VERSION } from '../../../net/protocol/wire-format';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const v = PROTOCOL_VERSION;
const t = MESSAGE_TYPE;

describe('away and back on the wire (protocol 4)', () => {
  it('refuses an away message of protocol 3 as version-mismatch, so an old page is told to reload', () => {
    const encoded = encodeEngine({ kind: 'away', frame: 5, runs: [] });
    encoded[0] = 3;
    expect(decodeEngine(encoded)).toMatchObject({ ok: false, error: { code: 'version-mismatch', version: 3 } });
  });

  it('refuses truncated and trailing away, awayPropose and backPropose messages', () => {
    for (const msg of [
      { kind: 'away', frame: 9, runs: [{ slot: 0, startFrame: 8, inputs: [1], votes: [] }] },
      { kind: 'awayPropose', peerSlot: 3, awayFrame: 9, runs: [] },
      { kind: 'backPropose', peerSlot: 3, rejoinFrame: 900 },
    ] as const) {
      const encoded = encodeEngine(msg);
      for (let cut = 2; cut < encoded.length; cut++) expect(decodeEngine(encoded.subarray(0, cut)).ok, `${msg.kind} cut at ${cut}`).toBe(false);
      expect(decodeEngine(bytes(...encoded, 0))).toMatchObject({ ok: false, error: { code: 'trailing-bytes' } });
    }
  });

  it('refuses a slot out of range, a frame past 2^31 - 1 and a non-canonical varint', () => {
    expect(decodeEngine(bytes(v, t.awayPropose, 8, 0, 0))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(decodeEngine(bytes(v, t.backPropose, 9, 1))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(decodeEngine(bytes(v, t.backPropose, 0, 0xff, 0xff, 0xff, 0xff, 0x0f))).toMatchObject({ ok: false });
    expect(decodeEngine(bytes(v, t.away, 0x80, 0x00, 0))).toMatchObject({ ok: false, error: { code: 'non-canonical' } });
  });

  it('refuses away frames and relayed runs beyond the receiver window, but not a far rejoin frame', () => {
    const window = { maxFrame: 1000 };
    expect(decodeEngine(encodeEngine({ kind: 'away', frame: 5000, runs: [] }), window)).toMatchObject({ ok: false, error: { code: 'frame-out-of-range' } });
    const propose = encodeEngine({ kind: 'awayPropose', peerSlot: 1, awayFrame: 990, runs: [{ slot: 1, startFrame: 995, inputs: Array(10).fill(1), votes: [] }] });
    expect(decodeEngine(propose, window)).toMatchObject({ ok: false, error: { code: 'frame-out-of-range' } });
    // A returning peer is far behind the others: their rejoin frame is far past its window.
    expect(decodeEngine(encodeEngine({ kind: 'backPropose', peerSlot: 1, rejoinFrame: 90_000 }), window)).toMatchObject({ ok: true });
  });

  it('never throws on random bytes behind the three new type codes', () => {
    let seed = 42;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 20_000; i++) {
      const type = [t.away, t.awayPropose, t.backPropose][i % 3] as number;
      const body = Array.from({ length: Math.floor(random() * 24) }, () => Math.floor(random() * 256));
      expect(() => decodeEngine(bytes(v, type, ...body), { maxFrame: 5000 })).not.toThrow();
    }
  });
});
