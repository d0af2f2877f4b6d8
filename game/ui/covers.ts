/**
 * What covers the match (the menu, the results) hides the touch stick and FIRE button: a finger
 * on a menu must not drive the tank, and the controls must not show through. Each cover is a
 * class on the overlay root (the state lives in the DOM, not in this module), and one style rule,
 * added once, hides the controls while any is on.
 */
import { overlayRoot } from './dom';

const STYLE_ID = 'ricochet-covers';
const RULE = '#overlay[class*="covered-by-"] .touch-controls { display: none !important; }';

/** The covers there are. */
export type Cover = 'menu' | 'results';

/** Puts `cover` on (or takes it off). */
export function setCovered(cover: Cover, on: boolean): void {
  const doc = overlayRoot().ownerDocument;
  if (!doc.getElementById(STYLE_ID)) doc.head.append(Object.assign(doc.createElement('style'), { id: STYLE_ID, textContent: RULE }));
  overlayRoot().classList.toggle(`covered-by-${cover}`, on);
}
