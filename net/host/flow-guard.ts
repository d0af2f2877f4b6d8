/**
 * Per-socket flow limits shared by the lobby and the signalling sockets. A socket belongs to a
 * stranger on the guest Wi-Fi, so it may send only so fast (a token bucket) and may leave only so
 * much unread (its buffered bytes): past either bound the host closes it rather than grow.
 *
 * Token bucket: a socket holds up to `burst` tokens and earns `perSecond` of them a second; each
 * message spends one. Pure: the caller passes the clock and keeps the returned bucket.
 */

/** A socket's bucket: tokens left at time `at` (ms). */
export interface Bucket {
  readonly tokens: number;
  readonly at: number;
}

/** A rate: `perSecond` sustained, up to `burst` at once. */
export interface Rate {
  readonly perSecond: number;
  readonly burst: number;
}

/** A full bucket at time `now`. */
export function fullBucket(rate: Rate, now: number): Bucket {
  return { tokens: rate.burst, at: now };
}

/** Spend one token at `now`: `ok` false (and the bucket unspent) when there is none left. */
export function takeToken(bucket: Bucket, rate: Rate, now: number): { readonly ok: boolean; readonly bucket: Bucket } {
  // A clock that steps back must not mint tokens nor take any away.
  const earned = (Math.max(0, now - bucket.at) * rate.perSecond) / 1000;
  const tokens = Math.min(rate.burst, bucket.tokens + earned);
  if (tokens < 1) return { ok: false, bucket: { tokens, at: Math.max(now, bucket.at) } };
  return { ok: true, bucket: { tokens: tokens - 1, at: Math.max(now, bucket.at) } };
}

/** The part of a `ws` socket that the buffered-bytes bound reads. */
export interface Buffered {
  readonly bufferedAmount: number;
}

/**
 * True when a socket has more unread bytes queued in this process than `limit`: its reader is too
 * slow (or does not read on purpose), and everything further sent to it would only grow memory.
 */
export function overBuffered(ws: Buffered, limit: number): boolean {
  return ws.bufferedAmount > limit;
}
