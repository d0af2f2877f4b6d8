/** Colour helpers for the view: the lobby's palette is CSS hex, Phaser tints are numbers. */

/** '#E69F00' -> 0xe69f00; anything unparsable -> white. */
export function cssToTint(css: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(css.trim());
  return m?.[1] ? Number.parseInt(m[1], 16) : 0xffffff;
}

/** `css` moved `amount` (0..1) of the way to white, as CSS hex: a dark colour stays readable on the dark floor. */
export function lighten(css: string, amount: number): string {
  const tint = cssToTint(css);
  const mix = (shift: number): number => {
    const c = (tint >> shift) & 0xff;
    return Math.round(c + (255 - c) * amount);
  };
  return `#${((mix(16) << 16) | (mix(8) << 8) | mix(0)).toString(16).padStart(6, '0')}`;
}
