/**
 * A slot's input for one frame is a bitmask of these. 0 means no input (also what a slot that has
 * left sends). It fits in 8 bits, so the wire format can pack it in a byte.
 */
export const INPUT = {
  FORWARD: 1,
  BACK: 2,
  LEFT: 4,
  RIGHT: 8,
  FIRE: 16,
} as const;

/** The name of one input bit. */
export type InputBit = keyof typeof INPUT;

/** Every bit an input may carry; anything else is masked off by `step`. */
export const INPUT_MASK = INPUT.FORWARD | INPUT.BACK | INPUT.LEFT | INPUT.RIGHT | INPUT.FIRE;

/** Builds an input bitmask from named bits, e.g. `inputOf('FORWARD', 'FIRE')`. */
export function inputOf(...bits: InputBit[]): number {
  let input = 0;
  for (const bit of bits) input |= INPUT[bit];
  return input;
}
