/**
 * The setup of a practice match, pure: you in slot 0, named bots after you, colours from the
 * palette starting with yours, and the lobby's match options.
 */
import { PALETTE, type MatchOptions } from '../../net/lobby';
import type { BotLevel } from '../bots';
import type { SimSetup } from '../sim';
import { setupWithOptions } from './match-options';

/** A practice match: your name and colour, how many bots, and the seed. */
export interface PracticeOptions {
  readonly name: string;
  readonly colour: string;
  readonly bots: number;
  readonly seed: number;
  /** A bot plays your slot too. */
  readonly botSelf: boolean;
  /** Round wins that take the match; the sim's default if absent (`options` overrides it). */
  readonly targetScore?: number | null;
  /** The match options chosen in the lobby's controls (or preset by the page's parameters). */
  readonly options?: MatchOptions;
}

const BOT_NAMES = ['Ada', 'Bolt', 'Cog', 'Dot', 'Echo', 'Flux', 'Gear'];

/** The setup, bot slots and colours of a practice match (pure). */
export function practiceSetup(options: PracticeOptions): { setup: SimSetup; botSlots: number[]; colours: string[]; botLevel: BotLevel } {
  const others = PALETTE.filter((c) => c !== options.colour);
  const colours = [options.colour, ...others].slice(0, options.bots + 1);
  const players = [{ name: options.name }, ...BOT_NAMES.slice(0, options.bots).map((n) => ({ name: `${n} (bot)` }))];
  const botSlots = players.flatMap((_, slot) => (slot > 0 || options.botSelf ? [slot] : []));
  let setup: SimSetup = { seed: options.seed >>> 0, players };
  if (options.targetScore) setup.targetScore = options.targetScore;
  if (options.options) setup = setupWithOptions(setup, options.options);
  return { setup, botSlots, colours, botLevel: options.options?.botLevel ?? 'normal' };
}
