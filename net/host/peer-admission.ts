/**
 * Who may register a peer id on the signalling server. Anyone on the LAN can open `/peerjs`, and
 * a peer id is no secret to the other players of a match (the mesh needs them), so an id alone
 * proves nothing: the registration must carry the member's token (PeerJS sends it as `token`),
 * which only that member's page got, in its own welcome. Since only the owner can register its id,
 * the remote id of a WebRTC connection (set by this server from the registered socket) names the
 * lobby member at the other end, and the mesh's hello check builds on that.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { LobbyState } from './lobby-state.js';
import { spectatorAdmission } from './lobby-spectators.js';
import type { PeerAdmission } from './peer-server.js';

/** Compares secrets in constant time (hashed first, so lengths do not leak either). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** May `id` register with `token` and `key` now? Pure. */
export function admitPeer(state: LobbyState, id: string, token: string, key: string): PeerAdmission {
  // A spectator registers its own id with its own token, for the running match's key only.
  const spectator = spectatorAdmission(state, id, token, sameSecret);
  if (spectator) {
    const matchKey = state.phase === 'playing' ? state.running?.peerKey : undefined;
    return matchKey && sameSecret(key, matchKey) ? { ok: true, member: spectator.peerId } : { ok: false, status: 401, reason: 'wrong key' };
  }
  const member = state.members.find((m) => m.kind === 'player' && m.peerId === id);
  // One answer for an unknown id and a wrong token: a guesser learns nothing about which ids exist.
  if (!member?.token || !sameSecret(token, member.token)) return { ok: false, status: 403, reason: 'not this member\'s id and token' };
  if (!sameSecret(key, member.peerKey)) return { ok: false, status: 401, reason: 'wrong key' };
  return { ok: true, member: member.peerId };
}
