/**
 * The match options a start carries until the lobby's creator chooses. DEFAULT_MATCH_OPTIONS,
 * except that `RICOCHET_DEFAULT_NETCODE=rollback` in the host's environment makes rollback the
 * default. Only the virtual-LAN tests set it (test/lan/e2e-rollback.test.ts), so that a match in
 * rollback mode needs no lobby control; a value that is not a netcode is ignored.
 */
import { DEFAULT_MATCH_OPTIONS, NETCODES, type MatchOptions } from '../lobby/index.js';

/** The default options, from the environment's `RICOCHET_DEFAULT_NETCODE` if it names a netcode. */
export function defaultMatchOptions(env: Readonly<Record<string, string | undefined>>): MatchOptions {
  const netcode = NETCODES.find((n) => n === env.RICOCHET_DEFAULT_NETCODE);
  return netcode ? { ...DEFAULT_MATCH_OPTIONS, netcode } : DEFAULT_MATCH_OPTIONS;
}
