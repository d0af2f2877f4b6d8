/**
 * The gamepad's Start button (button 9 in the standard mapping) opens and closes the menu. Pads
 * are polled, so this turns "held now" into "pressed since the last poll" (an edge), so that
 * holding Start toggles once.
 */

/** Polls the Start buttons of all pads. */
export interface MenuButton {
  /** True once per press of Start on any pad. */
  pressed(): boolean;
}

/** Watches `nav`'s pads; no pads or no API: never pressed. */
export function createMenuButton(nav: Navigator): MenuButton {
  let held = false;
  const startHeld = (): boolean => {
    try {
      if (typeof nav.getGamepads !== 'function') return false;
      return Array.from(nav.getGamepads()).some((pad) => !!pad?.connected && !!pad.buttons[9]?.pressed);
    } catch {
      return false; // some browsers limit the API to secure contexts
    }
  };
  return {
    pressed() {
      const now = startHeld();
      const edge = now && !held;
      held = now;
      return edge;
    },
  };
}
