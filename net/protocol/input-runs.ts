/**
 * The compact encoding of input runs and acks, shared by the engine's `inputs` and `dropPropose`.
 *
 * Runs:  [slot mask u8] then per slot, ascending: [start - base: zigzag][count u8]
 *        [RLE pairs (input varint, repeats-1 varint) covering exactly `count` frames, adjacent
 *        pairs with different inputs][one vote byte per frame of the run that is a multiple of
 *        DELAY_VOTE_INTERVAL].
 * Acks:  [slot mask u8] then per slot, ascending: [ack - base: zigzag].
 * Eight identical inputs cost 2 bytes of RLE; frames cost about one byte each as deltas from the
 * message's base frame. The decoder rejects every non-canonical form so that a decoded message
 * re-encodes to the same bytes.
 */
import type { DecodeContext } from './decode-result';
import type { Ack, InputRun } from './engine-messages';
import * as engine from './engine-messages';
import * as format from './wire-format';
import { WireError, type WireReader } from './wire-reader';
import type { WireWriter } from './wire-writer';

// Local copies: transpiled test runs read imported bindings through getters, in hot loops.
const { DELAY_VOTE_INTERVAL, MAX_DELAY_VOTE, MAX_FRAME, MAX_INPUT, MAX_RUN_FRAMES, MIN_DELAY_VOTE } = engine;
const { MAX_SLOTS } = format;

/** How many frames in [start, start + count) carry a delay vote. */
export function voteCount(startFrame: number, count: number): number {
  const first = Math.ceil(startFrame / DELAY_VOTE_INTERVAL) * DELAY_VOTE_INTERVAL;
  const end = startFrame + count;
  return first >= end ? 0 : Math.floor((end - 1 - first) / DELAY_VOTE_INTERVAL) + 1;
}

/** Write a slot mask, checking that `slots` is strictly ascending and in range (programmer error). */
function writeMask(w: WireWriter, slots: readonly number[]): void {
  let mask = 0;
  let previous = -1;
  for (const slot of slots) {
    if (!Number.isInteger(slot) || slot <= previous || slot >= MAX_SLOTS) {
      throw new RangeError(`protocol encode: slots must be ascending in 0..${MAX_SLOTS - 1}, got ${slots.join(',')}`);
    }
    mask |= 1 << slot;
    previous = slot;
  }
  w.u8(mask);
}

function readMask(r: WireReader): number[] {
  const mask = r.u8();
  const slots: number[] = [];
  for (let slot = 0; slot < MAX_SLOTS; slot++) if (mask & (1 << slot)) slots.push(slot);
  return slots;
}

/** Encode runs relative to `base`. */
export function writeRuns(w: WireWriter, base: number, runs: readonly InputRun[]): void {
  writeMask(w, runs.map((run) => run.slot));
  for (const run of runs) {
    const count = run.inputs.length;
    if (count < 1 || count > MAX_RUN_FRAMES || run.startFrame < 0 || run.startFrame + count - 1 > MAX_FRAME) {
      throw new RangeError(`protocol encode: bad run of ${count} inputs at frame ${run.startFrame}`);
    }
    if (run.votes.length !== voteCount(run.startFrame, count)) {
      throw new RangeError(`protocol encode: run at ${run.startFrame} needs ${voteCount(run.startFrame, count)} votes`);
    }
    w.zigzag(run.startFrame - base);
    w.u8(count);
    writeRle(w, run.inputs);
    for (const vote of run.votes) {
      if (vote < MIN_DELAY_VOTE || vote > MAX_DELAY_VOTE) throw new RangeError(`protocol encode: bad vote ${vote}`);
      w.u8(vote);
    }
  }
}

function writeRle(w: WireWriter, inputs: readonly number[]): void {
  let i = 0;
  while (i < inputs.length) {
    const input = inputs[i] as number;
    if (!Number.isInteger(input) || input < 0 || input > MAX_INPUT) throw new RangeError(`protocol encode: bad input ${input}`);
    let j = i + 1;
    while (j < inputs.length && inputs[j] === input) j++;
    w.varint(input);
    w.varint(j - i - 1);
    i = j;
  }
}

/** Decode runs relative to `base`, checking every frame against the context. */
export function readRuns(r: WireReader, base: number, context: DecodeContext | undefined): InputRun[] {
  return readMask(r).map((slot) => {
    const startFrame = base + r.zigzag('run start');
    const count = r.u8In(1, MAX_RUN_FRAMES, 'run length');
    checkFrame(startFrame, context, 'run start');
    checkFrame(startFrame + count - 1, context, 'run end');
    const inputs = readRle(r, count);
    const votes: number[] = [];
    for (let i = voteCount(startFrame, count); i > 0; i--) votes.push(r.u8In(MIN_DELAY_VOTE, MAX_DELAY_VOTE, 'delay vote'));
    return { slot, startFrame, inputs, votes };
  });
}

function readRle(r: WireReader, count: number): number[] {
  const inputs: number[] = [];
  let previous = -1;
  while (inputs.length < count) {
    const input = r.varint(MAX_INPUT, 'input');
    if (input === previous) throw new WireError('non-canonical', 'two RLE pairs with the same input');
    const repeats = r.varint(MAX_RUN_FRAMES, 'repeat') + 1;
    if (inputs.length + repeats > count) throw new WireError('bad-count', 'RLE covers more frames than the run');
    for (let i = 0; i < repeats; i++) inputs.push(input);
    previous = input;
  }
  return inputs;
}

/** Encode acks relative to `base`. */
export function writeAcks(w: WireWriter, base: number, acks: readonly Ack[]): void {
  writeMask(w, acks.map((ack) => ack.slot));
  for (const ack of acks) {
    if (!Number.isInteger(ack.frame) || ack.frame < 0 || ack.frame > MAX_FRAME) {
      throw new RangeError(`protocol encode: bad ack frame ${ack.frame}`);
    }
    w.zigzag(ack.frame - base);
  }
}

/** Decode acks relative to `base`. */
export function readAcks(r: WireReader, base: number): Ack[] {
  return readMask(r).map((slot) => {
    const frame = base + r.zigzag('ack');
    if (frame < 0 || frame > MAX_FRAME) throw new WireError('bad-value', `ack frame ${frame} out of range`);
    return { slot, frame };
  });
}

/** A frame varint, checked against the receiver's window as `checkFrame` does. */
export function readFrame(r: WireReader, context: DecodeContext | undefined, what: string): number {
  const value = r.varint(MAX_FRAME, what);
  checkFrame(value, context, what);
  return value;
}

/** Reject a frame outside the protocol's range or the receiver's window. */
export function checkFrame(frame: number, context: DecodeContext | undefined, what: string): void {
  if (frame < 0 || frame > MAX_FRAME) throw new WireError('bad-value', `${what} ${frame} out of range`);
  if (context?.minFrame !== undefined && frame < context.minFrame) {
    throw new WireError('frame-out-of-range', `${what} ${frame} below ${context.minFrame}`);
  }
  if (context?.maxFrame !== undefined && frame > context.maxFrame) {
    throw new WireError('frame-out-of-range', `${what} ${frame} above ${context.maxFrame}`);
  }
}
