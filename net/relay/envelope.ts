/**
 * Sealing and checking a relay envelope: the tag is HMAC-SHA-256, cut to 16 bytes, of the
 * envelope's header (version, type, ids, seq, channel) and its payload, under the pair's key.
 */
import { encodeRelay, RELAY_TAG_BYTES, relayTagInput, type RelayMessage } from '../protocol';
import { hmacSha256, sameBytes } from './sha256';

type Unsealed = Omit<RelayMessage, 'kind' | 'tag'>;

const tagOf = (key: Uint8Array, msg: Unsealed): Uint8Array => hmacSha256(key, relayTagInput(msg), msg.payload).subarray(0, RELAY_TAG_BYTES);

/** The bytes of `msg` with its tag under `key`. */
export const sealEnvelope = (key: Uint8Array, msg: Unsealed): Uint8Array => encodeRelay({ kind: 'relay', ...msg, tag: tagOf(key, msg) });

/** Whether `msg`'s tag is the one `key` gives: nobody without the key altered or made it. */
export const envelopeChecks = (key: Uint8Array, msg: RelayMessage): boolean => sameBytes(tagOf(key, msg), msg.tag);
