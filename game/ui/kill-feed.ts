/**
 * The kill feed (DOM, top right under the buttons, beside the arena rather than over it): one line
 * per `explode` event, "Ada hit Bolt (2 bounces)", each name in its player's colour. A few lines at
 * a time; each fades after some seconds, and the oldest goes when a new one needs its place.
 */
import type { SimEvent } from '../sim';
import { h, overlayRoot } from './dom';

/** Lines shown at once. */
const MAX_LINES = 4;
/** How long a line stays before it fades. */
const SHOW_MS = 6000;
const FADE_MS = 800;

/** One part of a line: a name (with its slot, for the colour) or plain words. */
export type KillPart = { readonly slot: number; readonly text: string } | { readonly slot: null; readonly text: string };

/** The words of a kill line (pure): "Ada hit Bolt (2 bounces)", "Cog hit themself". */
export function killLine(event: Extract<SimEvent, { type: 'explode' }>, names: readonly string[]): KillPart[] {
  const name = (slot: number): string => names[slot] ?? `Player ${slot + 1}`;
  const bounces = event.bounces === 0 ? '' : ` (${event.bounces} ${event.bounces === 1 ? 'bounce' : 'bounces'})`;
  const victim: KillPart = event.by === event.slot ? { slot: null, text: 'themself' } : { slot: event.slot, text: name(event.slot) };
  return [{ slot: event.by, text: name(event.by) }, { slot: null, text: ' hit ' }, victim, ...(bounces ? [{ slot: null, text: bounces }] : [])];
}

/** The feed of one match. */
export interface KillFeed {
  /** Adds a line for every `explode` among `events`. */
  add(events: readonly SimEvent[]): void;
  /** Puts the feed's first line `px` CSS pixels from the top (under the buttons). */
  setTop(px: number): void;
  destroy(): void;
}

/** Builds the feed in the overlay; `colours` are the players' CSS colours by slot. */
export function createKillFeed(names: readonly string[], colours: readonly string[]): KillFeed {
  const root = h('div', { class: 'kill-feed', role: 'log', 'aria-live': 'polite', style: { position: 'absolute', top: '48px', right: '12px', display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: '4px', pointerEvents: 'none', fontSize: '12px', maxWidth: '44vw' } });
  overlayRoot().append(root);
  const addLine = (event: Extract<SimEvent, { type: 'explode' }>): void => {
    const parts = killLine(event, names).map((part) =>
      part.slot === null ? part.text : h('strong', { style: { color: colours[part.slot] ?? '#fff' }, text: part.text }),
    );
    const line = h('div', { class: 'kill-line', style: { background: 'rgba(12, 16, 22, 0.7)', border: '1px solid #2e3a48', borderRadius: '8px', padding: '3px 10px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%', transition: `opacity ${FADE_MS}ms` } }, ...parts);
    root.append(line);
    while (root.children.length > MAX_LINES) root.firstElementChild?.remove();
    setTimeout(() => (line.style.opacity = '0'), SHOW_MS);
    setTimeout(() => line.remove(), SHOW_MS + FADE_MS);
  };
  return {
    add(events) {
      for (const event of events) if (event.type === 'explode') addLine(event);
    },
    setTop: (px) => void (root.style.top = `${Math.round(px)}px`),
    destroy: () => root.remove(),
  };
}
