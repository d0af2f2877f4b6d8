/**
 * The page's URL parameters (see the README): `name`, `bot=1` (a bot plays your slot), `auto=1`
 * (ready up on join), `pin` (the host's match PIN), and the test-only `practice=N&seed=S&target=T` (start practice against N
 * bots at once, first to T round wins). Pure: parsing never throws; nonsense falls back to defaults.
 */
import { cleanName } from '../../net/lobby';

/** Parsed page parameters. */
export interface PageParams {
  readonly name: string | null;
  readonly bot: boolean;
  readonly auto: boolean;
  /** Bots to practise against at once (1..7), or null for the lobby. */
  readonly practice: number | null;
  /** Fixed seed for practice, or null for a random one. */
  readonly seed: number | null;
  /** Round wins that take a practice match (1..99), or null for the sim's default. */
  readonly target: number | null;
  /** The host's match PIN (`pin=1234`, from its printed URL or QR code), or null. */
  readonly pin: string | null;
}

const flag = (v: string | null): boolean => v === '1' || v === 'true' || v === '';

/** Parses `location.search`. */
export function parseParams(search: string): PageParams {
  const q = new URLSearchParams(search);
  const name = cleanName(q.get('name') ?? '') || null;
  const practice = Number.parseInt(q.get('practice') ?? '', 10);
  const seed = Number.parseInt(q.get('seed') ?? '', 10);
  const target = Number.parseInt(q.get('target') ?? '', 10);
  return {
    name,
    bot: q.has('bot') && flag(q.get('bot')),
    auto: q.has('auto') && flag(q.get('auto')),
    practice: Number.isFinite(practice) ? Math.min(7, Math.max(1, practice)) : null,
    seed: Number.isFinite(seed) ? seed >>> 0 : null,
    target: Number.isFinite(target) ? Math.min(99, Math.max(1, target)) : null,
    pin: /^\d{4,8}$/.test(q.get('pin') ?? '') ? q.get('pin') : null,
  };
}
