/**
 * The relay layer (net/relay) on the simulated network: each peer's transport wrapped in a relay
 * transport that receives at arrival time (the network's `listen`), as a page's receive handler
 * does, with a pair key for every two peers.
 */
import { createRelayTransport, sha256, type RelayTransport } from '../../net/relay';
import type { Channel, PeerId } from '../../net/lockstep/transport';
import type { SimNetwork } from './sim-network';

/** The key two peers share (in a match the host hands it out; here it is derived from the ids). */
export function pairKey(a: PeerId, b: PeerId): Uint8Array {
  return sha256(new TextEncoder().encode(a < b ? `${a}|${b}` : `${b}|${a}`));
}

/** What a test may do to a relay's outgoing traffic (a hostile relay). */
export type SendHook = (to: PeerId, data: Uint8Array, channel: Channel, send: (to: PeerId, data: Uint8Array, channel: Channel) => void) => void;

/** Wrap peer `index` of `net` in a relay transport; `hook` sees everything it sends. */
export function relayPeer(net: SimNetwork, index: number, hook?: SendHook): RelayTransport {
  const inner = net.transport(index);
  const link = hook ? { self: inner.self, send: (to: PeerId, data: Uint8Array, channel: Channel) => hook(to, data, channel, inner.send) } : inner;
  const relay = createRelayTransport(link, {
    peers: net.peers.filter((_, j) => j !== index),
    keyFor: (peer) => pairKey(inner.self, peer),
    now: () => net.now(),
  });
  net.listen(index, (event) => relay.receive(event));
  return relay;
}
