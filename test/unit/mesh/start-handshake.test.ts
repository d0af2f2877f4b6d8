import { describe, expect, test } from 'vitest';
import type { Transport } from '../../../net/lockstep';
import { createStartHandshake } from '../../../net/mesh/start-handshake';
import { encodeHandshake } from '../../../net/protocol';

const plan = { slotOwners: ['a', 'b', 'a'], seed: 42, matchId: 'm1', buildId: 'build-1', countdownMs: 1000, mode: 'first' as const };

function recordingTransport(send: Transport['send'] = () => {}): Transport & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return { self: 'a', sent, drain: () => [], send: (to, data, channel) => (sent.push(data), send(to, data, channel)) };
}

describe('the start handshake shell', () => {
  test('a start it cannot encode fails the handshake, with nothing sent and nothing thrown', () => {
    // A bot's name (slot 2) travels only in the coordinator's start: 66 bytes do not fit the wire.
    const transport = recordingTransport();
    const handshake = createStartHandshake({ ...plan, names: ['Ada', 'Bo', '鳥'.repeat(22)], transport });
    handshake.begin(0);
    expect(handshake.handle({ type: 'peer-up', peer: 'b' }, 0)).toBe(false);
    const hellos = transport.sent.length;
    const hello = { type: 'message', from: 'b', data: encodeHandshake({ kind: 'hello', buildId: 'build-1', matchId: 'm1', name: 'Bo', slot: 1 }), channel: 'reliable' } as const;
    const ack = { type: 'message', from: 'b', data: encodeHandshake({ kind: 'helloAck', slot: 1 }), channel: 'reliable' } as const;
    expect(() => [handshake.handle(hello, 1), handshake.handle(ack, 2)]).not.toThrow();
    // The ack to b's hello was encoded and sent; the start was not, for anyone.
    expect(transport.sent.length).toBe(hellos + 1);
    expect(handshake.outcome()).toMatchObject({ ok: false, error: { code: 'start-failed', message: expect.stringContaining('(it has 66)') } });
    expect(() => handshake.tick(3)).not.toThrow();
  });

  test('a transport that throws on send fails the handshake instead of escaping into the poll loop', () => {
    const transport = recordingTransport(() => {
      throw new Error('channel closed');
    });
    const handshake = createStartHandshake({ ...plan, names: ['Ada', 'Bo', 'Bot 1'], transport });
    handshake.begin(0);
    expect(() => handshake.handle({ type: 'peer-up', peer: 'b' }, 0)).not.toThrow();
    expect(handshake.outcome()).toMatchObject({ ok: false, error: { code: 'start-failed', message: expect.stringContaining('channel closed') } });
  });
});
