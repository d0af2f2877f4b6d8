/**
 * What the page says about the engine's events (pure): a dropped peer, a desync (and this page's
 * recovery from it), this page being dropped, a peer whose game went astray (and came back into
 * agreement) or that lied. Returns
 * the message to show and whether the match can no longer be trusted. Only what this page saw
 * itself is fatal: another peer's word (its drop frame, its checkpoint) is not, and neither is a
 * desync this page recovers from by loading the majority's state.
 */
import type { LockstepEvent } from '../../net/lockstep';

/** How the page reacts to one engine event. */
export interface EventNotice {
  readonly text: string;
  /** The match is broken (desync, dropped ourselves): recorded as the session's problem. */
  readonly fatal: boolean;
}

/**
 * Events about one peer's conduct that are shown once per peer and match: a page that forges a
 * hash at every checkpoint would otherwise fill the screen twice a second.
 */
export function onceKey(event: LockstepEvent): string | null {
  return event.type === 'peer-desynced' || event.type === 'peer-resynced' || event.type === 'peer-misbehaved' ? `${event.type}:${event.peer}` : null;
}

/** The notice for `event`, or null for events the player need not see. */
export function describeEngineEvent(event: LockstepEvent, names: readonly string[], slotOwners: readonly string[] = []): EventNotice | null {
  const who = (slots: readonly number[]): string => slots.map((s) => names[s] ?? `slot ${s}`).join(', ') || 'a player';
  const named = (peer: string): string => who(slotOwners.flatMap((owner, slot) => (owner === peer ? [slot] : [])));
  switch (event.type) {
    case 'peer-dropped':
      return { text: `${who(event.slots)} left the match (frame ${event.frame}).`, fatal: false };
    case 'peer-away':
      return { text: `${who(event.slots)} is away; their tank stands still until they are back.`, fatal: false };
    case 'peer-back':
      return { text: `${who(event.slots)} is back (frame ${event.frame}).`, fatal: false };
    case 'peer-dropping':
      return { text: `Waiting for a player who went quiet…`, fatal: false };
    case 'desync':
      return { text: desyncText(event, named(event.peer)), fatal: !event.recovering };
    case 'resynced':
      return { text: `Resynced at frame ${event.frame}: this page loaded the majority's state (${(event.bytes / 1000).toFixed(1)} kB in ${event.ms} ms) and plays on.`, fatal: false };
    case 'resync-failed':
      return { text: `Out of sync at frame ${event.frame}, and the majority's state could not be loaded (${event.reason}). This page leaves the match.`, fatal: true };
    case 'restored':
      return { text: `Back in the match: this page loaded the state of frame ${event.frame} (${(event.bytes / 1000).toFixed(1)} kB in ${event.ms} ms) and catches up.`, fatal: false };
    case 'restore-failed':
      return { text: `This page could not take its place back in the match (${event.reason}).`, fatal: true };
    case 'self-dropped':
      return { text: 'The other players dropped this page (connection lost).', fatal: true };
    case 'peer-desynced':
      return { text: `${named(event.peer)} went out of sync at frame ${event.frame}${event.sections.length > 0 ? ` (${event.sections.join(', ')})` : ''}; the others play on.`, fatal: false };
    case 'peer-resynced':
      return { text: `${named(event.peer)} is back in sync at frame ${event.frame}: it loaded the majority's state, and all agree again.`, fatal: false };
    case 'peer-misbehaved':
      return { text: `${named(event.peer)} sent data that cannot be true; it is ignored.`, fatal: false };
    case 'drop-disagreement':
      // One peer's word: if it differs for real, the next checkpoint tells.
      return { text: `Players disagree on when someone left (frame ${event.localFrame} vs ${event.remoteFrame}).`, fatal: false };
    default:
      return null;
  }
}

/** Which parts diverged and from whom: the majority's (this page loads its state, or leaves) or one player's (nobody can tell who is right). */
function desyncText(event: Extract<LockstepEvent, { type: 'desync' }>, peerName: string): string {
  const what = event.sections.length > 0 ? `${event.sections.join(', ')} differ` : 'the game differs';
  if (event.recovering) return `Out of sync at frame ${event.frame}: ${what} from the majority. Loading the majority's state…`;
  if (event.outvoted) return `Out of sync at frame ${event.frame}: ${what} from the majority. This page leaves the match.`;
  return `Out of sync at frame ${event.frame}: ${what} from ${peerName}'s, and no majority agrees. This match can no longer be trusted.`;
}
