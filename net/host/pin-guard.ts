/**
 * The match PIN (`--pin`): a join must carry it. A 4-digit PIN has only 10,000 values, so guesses
 * are bounded twice: a lobby socket is closed after `PIN_TRIES_PER_SOCKET` wrong ones, and each
 * remote address has a bucket of wrong guesses (`PIN_ADDRESS_RATE`) that, once empty, refuses
 * every join with a PIN from that address until it refills. Anyone on the LAN can take several
 * addresses, so 6 to 8 digits are the real defence against a patient guesser.
 */
import { fullBucket, takeToken, type Bucket, type Rate } from './flow-guard.js';
import { sameSecret } from './peer-admission.js';
import { REFUSAL, type RefusalReason } from '../lobby/index.js';

/** Wrong PINs one lobby socket may send; the last one closes it. */
export const PIN_TRIES_PER_SOCKET = 5;
/** Wrong PINs per remote address: 10 at once, then one every 6 s (10,000 guesses take 16 hours). */
export const PIN_ADDRESS_RATE: Rate = { perSecond: 1 / 6, burst: 10 };
/** Addresses remembered at once; a full table forgets the oldest (the LAN is bounded anyway). */
const MAX_ADDRESSES = 1024;

/** What to do with a join: let it through (null), or refuse it, closing the socket if `close`. */
export type PinVerdict = null | { readonly reason: RefusalReason; readonly message: string; readonly close: boolean };

/** The PIN check of one lobby. */
export interface PinGuard {
  /** A join from `address` on socket `connId` with `pin` (undefined: none given). */
  check(address: string, connId: number, pin: string | undefined): PinVerdict;
  /** The socket closed: forget its count. */
  forget(connId: number): void;
}

/** A guard for `pin`; `now` in milliseconds. */
export function createPinGuard(pin: string, now: () => number = Date.now): PinGuard {
  const wrongBySocket = new Map<number, number>();
  const byAddress = new Map<string, Bucket>();
  return {
    check(address, connId, given) {
      if (given === undefined) return { reason: REFUSAL.pinRequired, message: 'This match needs a PIN: ask the host for it.', close: false };
      const bucket = byAddress.get(address) ?? fullBucket(PIN_ADDRESS_RATE, now());
      // Peek first: a locked-out address is not told whether this guess was right.
      if (!takeToken(bucket, PIN_ADDRESS_RATE, now()).ok) {
        return { reason: REFUSAL.pinLocked, message: 'Too many wrong PINs from this device: wait a minute, then try again.', close: false };
      }
      if (sameSecret(given, pin)) return null;
      byAddress.delete(address);
      if (byAddress.size >= MAX_ADDRESSES) byAddress.delete(byAddress.keys().next().value as string);
      byAddress.set(address, takeToken(bucket, PIN_ADDRESS_RATE, now()).bucket);
      const wrong = (wrongBySocket.get(connId) ?? 0) + 1;
      wrongBySocket.set(connId, wrong);
      const close = wrong >= PIN_TRIES_PER_SOCKET;
      const message = close ? 'Wrong PIN, too many times: reload the page to try again.' : 'Wrong PIN: check it with the host.';
      return { reason: REFUSAL.wrongPin, message, close };
    },
    forget: (connId) => void wrongBySocket.delete(connId),
  };
}
