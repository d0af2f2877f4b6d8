/**
 * The page's URL parameters (see the README): `name`, `bot=1` (a bot plays your slot), `auto=1`
 * (ready up on join), `pin` (the host's match PIN), the match options a creator's page presets
 * (`target=T`, `maze=auto|small|medium|large`, `level=easy|normal|hard`,
 * `netcode=lockstep|rollback`; practice uses them directly), `spectate=1` (watch the host's
 * match rather than play), and the test-only
 * `practice=N&seed=S` (start practice against N bots at once). Pure: parsing never throws;
 * nonsense falls back to defaults.
 */
import { BOT_LEVELS, cleanName, DEFAULT_MATCH_OPTIONS, MAZE_CHOICES, NETCODES } from '../../net/lobby';
import type { BotLevel, MatchOptions, MazeChoice, Netcode } from '../../net/lobby';

/** Parsed page parameters. */
export interface PageParams {
  readonly name: string | null;
  readonly bot: boolean;
  readonly auto: boolean;
  /** Bots to practise against at once (1..7), or null for the lobby. */
  readonly practice: number | null;
  /** Fixed seed for practice, or null for a random one. */
  readonly seed: number | null;
  /** Round wins that take the match (1..99), or null for the default. */
  readonly target: number | null;
  /** The host's match PIN (`pin=1234`, from its printed URL or QR code), or null. */
  readonly pin: string | null;
  /** The maze size to preset, or null. */
  readonly maze: MazeChoice | null;
  /** The bots' level to preset, or null. */
  readonly level: BotLevel | null;
  /** The netcode to preset, or null. */
  readonly netcode: Netcode | null;
  /** `spectate=1`: watch the host's match rather than join it. */
  readonly spectate: boolean;
}

const flag = (v: string | null): boolean => v === '1' || v === 'true' || v === '';
const choice = <T extends string>(values: readonly T[], v: string | null): T | null => (values as readonly (string | null)[]).includes(v) ? (v as T) : null;

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
    maze: choice(MAZE_CHOICES, q.get('maze')),
    level: choice(BOT_LEVELS, q.get('level')),
    netcode: choice(NETCODES, q.get('netcode')),
    spectate: q.has('spectate') && flag(q.get('spectate')),
  };
}

/** The match options the parameters preset (only those given): what a creator's page sends. */
export function presetOptions(params: PageParams): Partial<MatchOptions> {
  return {
    ...(params.target !== null ? { targetScore: params.target } : {}),
    ...(params.maze ? { maze: params.maze } : {}),
    ...(params.level ? { botLevel: params.level } : {}),
    ...(params.netcode ? { netcode: params.netcode } : {}),
  };
}

/** The page's own match options to begin with (practice's): the defaults with the presets over them. */
export function initialOptions(params: PageParams): MatchOptions {
  return { ...DEFAULT_MATCH_OPTIONS, ...presetOptions(params) };
}
