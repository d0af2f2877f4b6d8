/**
 * What the decoders return and take. Decoding never throws: what a peer sends is data, so a
 * failure is a value the caller can count, show or ignore.
 */

/**
 * Why bytes were not a valid message. `version-mismatch` is distinct so a page can say "reload";
 * `wrong-protocol` is distinct so the mesh can leave an engine message to the engine (a valid
 * message of the other protocol, not garbage).
 */
export type DecodeErrorCode =
  | 'version-mismatch'
  | 'wrong-protocol'
  | 'empty'
  | 'oversized'
  | 'truncated'
  | 'trailing-bytes'
  | 'unknown-type'
  | 'bad-count'
  | 'bad-value'
  | 'bad-string'
  | 'non-canonical'
  | 'frame-out-of-range';

/** A decoding failure, as data. */
export interface DecodeError {
  readonly code: DecodeErrorCode;
  readonly message: string;
  /** For `version-mismatch`: the version byte received. */
  readonly version?: number;
}

/** What a decoder returns for messages of type `M`: it never throws. */
export type DecodeResult<M> = { readonly ok: true; readonly msg: M } | { readonly ok: false; readonly error: DecodeError };

/**
 * Optional checks that need the receiver's situation (the engine decoder's window): frames
 * outside [minFrame, maxFrame] are rejected as `frame-out-of-range`, so a hostile far-future
 * frame never reaches the engine's buffers.
 */
export interface DecodeContext {
  readonly minFrame?: number;
  readonly maxFrame?: number;
}
