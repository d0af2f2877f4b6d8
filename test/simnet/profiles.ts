/**
 * Network profiles for the simulated network. Latencies are one-way, per link. `loss`,
 * `duplicate` and `reorder` apply to the unreliable channel only: the reliable channel never
 * loses and keeps order, but is delayed like everything else (and held through partitions).
 */

/** A window of virtual time during which some links carry nothing. */
export interface Partition {
  readonly fromMs: number;
  readonly toMs: number;
  /** Peers (by index) cut off from all the others; empty means every link is cut. */
  readonly peers: readonly number[];
  /** Instead of `peers`: only the link between these two is cut (a firewall, an isolating access point). */
  readonly pair?: readonly [number, number];
}

/** How a simulated link behaves. */
export interface NetProfile {
  readonly name: string;
  readonly latencyMs: number;
  /** Uniform extra delay in [0, jitterMs). */
  readonly jitterMs: number;
  readonly loss: number;
  readonly duplicate: number;
  /** Probability that an unreliable packet is held back by an extra 1..4 latencies (reordering). */
  readonly reorder: number;
  readonly partitions: readonly Partition[];
}

const base = { latencyMs: 0.2, jitterMs: 0, loss: 0, duplicate: 0, reorder: 0, partitions: [] };

/** The profiles every multi-peer test runs under. */
export const PROFILES: Record<string, NetProfile> = {
  clean: { ...base, name: 'clean' },
  lan: { ...base, name: 'lan', latencyMs: 1, jitterMs: 1, loss: 0.001 },
  wifi: { ...base, name: 'wifi', latencyMs: 4, jitterMs: 8, loss: 0.01, reorder: 0.01 },
  'bad-wifi': { ...base, name: 'bad-wifi', latencyMs: 15, jitterMs: 40, loss: 0.08, duplicate: 0.02, reorder: 0.05 },
  lossy: { ...base, name: 'lossy', latencyMs: 3, jitterMs: 3, loss: 0.25 },
  duplicating: { ...base, name: 'duplicating', latencyMs: 3, jitterMs: 3, duplicate: 0.3 },
  reordering: { ...base, name: 'reordering', latencyMs: 5, jitterMs: 20, reorder: 0.3 },
  'partition-heal': {
    ...base,
    name: 'partition-heal',
    latencyMs: 2,
    jitterMs: 3,
    loss: 0.01,
    partitions: [
      { fromMs: 20_000, toMs: 21_500, peers: [1] },
      { fromMs: 60_000, toMs: 61_900, peers: [] },
      { fromMs: 120_000, toMs: 121_000, peers: [0, 2] },
    ],
  },
};
