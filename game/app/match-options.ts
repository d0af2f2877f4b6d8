/**
 * What the match options become in the sim: the one place both practice and a networked start
 * turn `MatchOptions` into the setup (the bots' level goes to runMatch as it is). Every page of a match computes
 * the same from the same start (the host's options and the agreed players), so the sim agrees.
 */
import type { MatchOptions } from '../../net/lobby';
import { mazeSizeFor, type SimSetup } from '../sim';

/** The setup with the options' target score and maze size (named sizes grow to fit the players). */
export function setupWithOptions(setup: SimSetup, options: Pick<MatchOptions, 'targetScore' | 'maze'>): SimSetup {
  const out: SimSetup = { ...setup, targetScore: options.targetScore };
  if (options.maze !== 'auto') out.maze = mazeSizeFor(options.maze, setup.players.length);
  return out;
}
