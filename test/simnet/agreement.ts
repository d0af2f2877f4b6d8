/**
 * Assertions shared by the multi-peer tests: every peer computed the same checkpoint hashes, and
 * nothing reported a desync.
 */
import type { MatchOutcome } from './run-match';

/** Throws (with a useful message) unless every listed peer's checkpoints agree frame by frame. */
export function expectAgreement(outcome: MatchOutcome<unknown>, minCheckpoints: number): void {
  const lists = outcome.peers.map((p) => new Map(p.engine.checkpoints()));
  const longest = lists.reduce((a, b) => (b.size > a.size ? b : a));
  outcome.peers.forEach((peer, i) => {
    const list = lists[i] as Map<number, number>;
    if (!peer.crashed && list.size < minCheckpoints) throw new Error(`${peer.id} has only ${list.size} checkpoints`);
    for (const [frame, hash] of list) {
      if (longest.get(frame) !== hash) throw new Error(`${peer.id} disagrees at frame ${frame}: ${hash} vs ${longest.get(frame)}`);
    }
    const desync = peer.events.find((e) => e.type === 'desync');
    if (desync) throw new Error(`${peer.id} reported ${JSON.stringify(desync)}`);
  });
}
