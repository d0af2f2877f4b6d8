/**
 * A page that is gone while its slot is kept (the others' side of restore.ts). The host tells every
 * player when a member's page closes mid-match (`peer-gone`); a member that can come back (it holds
 * its rejoin token) keeps its slot: its page may be reloading. So the others take it as away (its
 * own page cannot say so any more; each player's word from the host is its own evidence, as a
 * closed connection is) rather than dropping it. If it stays silent `dropAfterMs`, it is dropped as
 * any away peer is; if its page comes back with nothing, it asks for a snapshot, which only such a
 * page gets, of a frame of its absence, once per frame (snapshots.ts). Its peer id stays the same:
 * only that member can register it with the signalling server (README, "Security"), so nobody
 * else can take the slot over.
 */
import type { SnapshotRequestMessage } from '../protocol';
import { awayOnEvidence } from './away-effects';
import { statusOf } from './drops';
import type { Engine } from './engine';
import { onSnapshotRequest } from './resync';
import type { PeerId } from './transport';

type E = Engine<unknown>;

/** The host says `peer`'s page is gone while its slot is kept: away at an agreed frame, not dropped. */
export function onPageGone(e: E, peer: PeerId, nowMs: number): void {
  const status = statusOf(e.drops, peer);
  if (status !== 'live' && status !== 'going' && status !== 'away') return;
  e.gonePages.add(peer);
  // What it acknowledged and reported died with its page: a restored page reports again from its snapshot.
  e.peers.resetAcks(peer);
  e.away.reported.delete(peer);
  awayOnEvidence(e, peer, 'its page is gone (its slot is kept for it)', nowMs);
}

/** Whether `peer`'s page is gone with its slot kept, and it has not played again since. */
export function pageIsGone(e: E, peer: PeerId): boolean {
  if (!e.gonePages.has(peer)) return false;
  if (statusOf(e.drops, peer) === 'live') e.gonePages.delete(peer);
  return e.gonePages.has(peer);
}

/**
 * A message from a peer that is away for us, if its page is gone (else false: away-effects.ts
 * handles it). A snapshot request is answered only for a frame of its absence (its slots play 0
 * from the agreed away frame on; an older state would need its inputs, which died with its page).
 * Only its inputs (which say the frame it restored) or its `leave` count as its return: a ping
 * that overtook them would make the others propose a rejoin frame as if it were at frame 0.
 * Returns whether the message was dealt with here.
 */
export function onGonePageMessage(e: E, from: PeerId, msg: { kind: string }): boolean {
  if (!pageIsGone(e, from)) return false;
  if (msg.kind === 'inputs' || msg.kind === 'leave') return false;
  const absence = e.drops.absent.get(from);
  if (msg.kind !== 'snapshotRequest') e.counters.reject('stale');
  else if (absence === undefined || (msg as SnapshotRequestMessage).frame < absence.from) e.counters.reject('invalid');
  else onSnapshotRequest(e, from, msg as SnapshotRequestMessage);
  return true;
}

/**
 * A snapshot request from an away peer whose page the host did not say is gone (a page that
 * only hid still has its state): refused. Returns whether the message was one.
 */
export function refuseSnapshotRequest(e: E, msg: { kind: string }): boolean {
  if (msg.kind !== 'snapshotRequest') return false;
  e.counters.reject('invalid');
  return true;
}
