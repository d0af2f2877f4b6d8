/**
 * Taking a place back in the lobby with a member's token (a `join` that carries it). A page loses
 * its lobby socket for two ordinary reasons: its tab reloads (the host hears the close at once and
 * the member leaves the roster) or the network drops it (the host may not notice for up to two
 * heartbeats, so the member is still listed). Either way the page comes back with the token of its
 * welcome, and the member gets back its slot, player id, peer id and token (its name and colour
 * are the join's, as for any join, so a rename made meanwhile is not lost):
 *   - still listed: the new connection takes the member over, and the old one is closed (it is
 *     dead or dying, or it is the tab that a duplicated tab copied the token from);
 *   - recently departed: the host keeps the players who left the lobby (not the match; at most a
 *     lobby's worth, the oldest forgotten first, all forgotten at a start) and puts the member
 *     back at its old slot. The creator role, handed on when it left, is not taken back.
 * A host that never saw the token (it restarted) just takes the join as a new member's.
 */
import { MAX_SLOTS, type ClientMessage } from '../lobby/index.js';
import { dedupeName, firstFreeColour } from './lobby-names.js';
import { sameSecret } from './peer-admission.js';
import type { LobbyContext, LobbyMember, LobbyState } from './lobby-state.js';

/** A player who left the lobby, and the slot it had. */
export interface Departed {
  readonly member: LobbyMember;
  readonly slot: number;
}

/** The departed list with `member` (which had `slot`) added, bounded to a lobby's worth. */
export function rememberDeparted(departed: readonly Departed[], member: LobbyMember, slot: number): readonly Departed[] {
  if (member.kind !== 'player' || member.token === null) return departed;
  return [...departed, { member, slot }].slice(-MAX_SLOTS);
}

const holds = (member: LobbyMember, token: string): boolean => member.token !== null && sameSecret(token, member.token);

type Join = Extract<ClientMessage, { type: 'join' }>;

/** A place taken back: the lobby, the member, and the connection it leaves (if still open). */
interface Reclaimed {
  readonly state: LobbyState;
  readonly member: LobbyMember;
  readonly replaced: readonly number[];
}

/** The member as the join asks: its name and colour unless another member has them. */
function asJoined(state: LobbyState, member: LobbyMember, msg: Join, connId: number): LobbyMember {
  const others = state.members.filter((m) => m.id !== member.id);
  const name = dedupeName(msg.name, others.map((m) => m.name));
  return { ...member, connId, name, colour: firstFreeColour(msg.colour ?? member.colour, others.map((m) => m.colour)) };
}

/** The lobby with the member of the join's token back on connection `connId`, or null if it knows no such member. */
export function reclaimPlace(state: LobbyState, ctx: LobbyContext, connId: number, msg: Join & { token: string }): Reclaimed | null {
  const live = state.members.find((m) => m.kind === 'player' && holds(m, msg.token));
  if (live) {
    const member = asJoined(state, live, msg, connId);
    const replaced = live.connId !== null && live.connId !== connId ? [live.connId] : [];
    return { state: { ...state, members: state.members.map((m) => (m === live ? member : m)) }, member, replaced };
  }
  const gone = state.departed.find((d) => holds(d.member, msg.token));
  if (!gone || state.members.length >= state.capacity) return null;
  const peerKey = state.peerKey || ctx.random.secret();
  const member = { ...asJoined(state, gone.member, msg, connId), ready: false, peerKey };
  const members = [...state.members];
  members.splice(Math.min(gone.slot, members.length), 0, member);
  const departed = state.departed.filter((d) => d !== gone);
  return { state: { ...state, members, peerKey, departed, creatorId: state.creatorId ?? member.id }, member, replaced: [] };
}
