/** Colour helpers for the view: the lobby's palette is CSS hex, Phaser tints are numbers. */

/** '#E69F00' -> 0xe69f00; anything unparsable -> white. */
export function cssToTint(css: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(css.trim());
  return m?.[1] ? Number.parseInt(m[1], 16) : 0xffffff;
}
