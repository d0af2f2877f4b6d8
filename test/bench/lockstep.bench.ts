import { bench, describe } from 'vitest';
import { MESSAGE_TYPE } from '../../net/protocol/wire-format';
import { PROFILES } from '../simnet/profiles';
import { createLockstepHarness } from '../simnet/lockstep-harness';
import { mixGame } from '../simnet/test-games';

// Engine overhead: a trivial game, so what is measured is the engine (poll: decode, acks, sends;
// advance: the input check and step) and the codec, plus the simulated network's bookkeeping.
function warmed(peers: number) {
  const harness = createLockstepHarness(peers, mixGame, { slots: peers, seed: 1 }, PROFILES.lan!);
  for (let i = 0; i < 600; i++) harness.tick();
  return harness;
}

/** Bytes on the wire at steady state (printed with the bench results). */
function figures(peers: number): string {
  const harness = warmed(peers);
  const before = harness.engines[0]!.stats();
  const inputsBefore = { ...harness.sentByType.get(MESSAGE_TYPE.inputs)! };
  const frames = 3600;
  for (let i = 0; i < frames; i++) harness.tick();
  const after = harness.engines[0]!.stats();
  const bytes = after.bytesSent - before.bytesSent;
  const packets = after.packetsSent - before.packetsSent;
  const perSecond = (bytes / frames) * 60;
  const inputs = harness.sentByType.get(MESSAGE_TYPE.inputs)!;
  const inputBytes = (inputs.bytes - inputsBefore.bytes) / (inputs.packets - inputsBefore.packets);
  return `${peers} peers: ${inputBytes.toFixed(1)} bytes/input packet, ${(bytes / packets).toFixed(1)} bytes/packet (all kinds), ${Math.round(perSecond)} B/s sent per peer, ` +
    `${Math.round(perSecond / (peers - 1))} B/s per link, delay ${after.delay}, stalls ${after.stalls - before.stalls}`;
}
console.log(`lockstep wire figures (lan profile, 60 Hz):\n  ${figures(2)}\n  ${figures(4)}\n  ${figures(8)}`);

describe('lockstep engine overhead per frame (all peers: poll + advance each; trivial game)', () => {
  const four = warmed(4);
  const eight = warmed(8);
  bench('4 peers, one frame', () => four.tick());
  bench('8 peers, one frame', () => eight.tick());
});
