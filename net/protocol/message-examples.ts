/**
 * Test fixtures: one or more valid examples of every message type (round-trip tests and fuzz seeds).
 */
import type { Message } from './messages';

/** One valid example of every message type. */
export const examples: Message[] = [
  { kind: 'hello', buildId: 'b-1.2.3', matchId: 'm-42', name: 'Zoë 🚀', slot: 3 },
  { kind: 'helloAck', slot: 7 },
  { kind: 'refuse', reason: 'versionMismatch' },
  { kind: 'refuse', reason: 'started' },
  { kind: 'roster', players: [{ slot: 0, name: 'ann', peer: 'p-a' }, { slot: 2, name: 'bob', peer: 'p-b' }] },
  { kind: 'start', seed: 0xdead_beef, countdownMs: 3000, slotOwners: ['p-a', 'p-a', 'p-b'], names: ['ann', 'bot', 'bob'] },
  {
    kind: 'inputs',
    frame: 1000,
    runs: [
      { slot: 1, startFrame: 1003, inputs: [1, 1, 1, 5, 5, 0, 0, 17], votes: [] },
      { slot: 4, startFrame: 1018, inputs: [2, 2, 2, 2], votes: [4] },
    ],
    acks: [{ slot: 0, frame: 1005 }, { slot: 7, frame: 990 }],
  },
  { kind: 'inputs', frame: 0, runs: [], acks: [] },
  { kind: 'checkpoint', frame: 1230, hash: 0xffff_ffff },
  { kind: 'ping', time: 123_456 },
  { kind: 'pong', time: 0xffff_ffff },
  { kind: 'leave', frame: 77 },
  { kind: 'dropPropose', peerSlot: 2, dropFrame: 500, runs: [{ slot: 2, startFrame: 480, inputs: Array(20).fill(3), votes: [5] }] },
  { kind: 'dropAgree', peerSlot: 2, dropFrame: 500 },
];
