/**
 * Headless runner for the sim (`npm run sim -- ...`):
 *   --players N --frames F --seed S   play F frames with N players on random inputs (drawn from a
 *                                     PRNG seeded with S, separate from the sim's own), print
 *                                     `frame F hash 0x........`
 *   --bots                            every slot is played by the bot instead
 *   --record FILE                     also write the run as a replay file (checkpoint every second)
 *   --replay FILE                     re-run a replay file (version 1 or 2), check every recorded
 *                                     hash, and print each player's match statistics
 * Exit codes: 0 ok, 1 a replay hash mismatch, 2 bad arguments or an unreadable file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { botInput } from './bots';
import { createStatsTally, initialState, parseReplayText, randInt, recordReplay, runReplay, seedRng, stateHash, step } from './sim';
import type { PlayerStats, SimSetup, SimState } from './sim';

/** What the command line asked for. */
export type CliOptions =
  | { mode: 'help' }
  | { mode: 'run'; players: number; frames: number; seed: number; bots: boolean; record: string | null }
  | { mode: 'replay'; file: string };

/** Usage text for --help and after a bad argument. */
export const USAGE = `usage: npm run sim -- [--players N] [--frames F] [--seed S] [--bots] [--record FILE]
       npm run sim -- --replay FILE
  --players N    1 to 8 players (default 2)
  --frames F     frames to simulate, 60 per second (default 3600)
  --seed S       integer seed for the match and the random inputs (default 1)
  --bots         bots play every slot instead of random inputs
  --record FILE  write the run as a replay file
  --replay FILE  re-run a replay file, check its checkpoint hashes (exit 1 on a mismatch)`;

/** Parses argv (without node and the script). Bad arguments are data, not exceptions. */
export function parseArgs(argv: readonly string[]): { ok: true; options: CliOptions } | { ok: false; error: string } {
  const o = { players: 2, frames: 3600, seed: 1, bots: false, record: null as string | null, replay: null as string | null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { ok: true, options: { mode: 'help' } };
    if (arg === '--bots') {
      o.bots = true;
      continue;
    }
    const value = argv[i + 1];
    if (!['--players', '--frames', '--seed', '--record', '--replay'].includes(arg)) return { ok: false, error: `unknown argument ${arg}` };
    if (value === undefined || value.startsWith('--')) return { ok: false, error: `${arg} needs a value` };
    i++;
    if (arg === '--record' || arg === '--replay') {
      o[arg === '--record' ? 'record' : 'replay'] = value;
      continue;
    }
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) return { ok: false, error: `${arg} needs an integer, got ${value}` };
    if (arg === '--players' && (n < 1 || n > 8)) return { ok: false, error: `--players must be 1 to 8, got ${n}` };
    if (arg === '--frames' && n < 0) return { ok: false, error: `--frames must be 0 or more, got ${n}` };
    o[arg === '--players' ? 'players' : arg === '--frames' ? 'frames' : 'seed'] = n;
  }
  if (o.replay !== null) return { ok: true, options: { mode: 'replay', file: o.replay } };
  return { ok: true, options: { mode: 'run', players: o.players, frames: o.frames, seed: o.seed, bots: o.bots, record: o.record } };
}

/** `0x` and eight hex digits. */
export function hex(hash: number): string {
  return `0x${hash.toString(16).padStart(8, '0')}`;
}

/** The result of a headless run: the final state and every frame's inputs. */
export interface HeadlessRun {
  setup: SimSetup;
  state: SimState;
  inputs: number[][];
}

/**
 * Plays `frames` frames. Random inputs: each slot keeps its input for a while and, with a chance
 * of 1 in 8 each frame, switches to a new random one, which drives more like a person than noise.
 */
export function runHeadless(players: number, frames: number, seed: number, bots: boolean): HeadlessRun {
  const setup: SimSetup = { seed, players: Array.from({ length: players }, (_, i) => ({ name: `player ${i + 1}` })) };
  const rng = { state: seedRng(seed ^ 0x1badcafe) };
  const held = new Array<number>(players).fill(0);
  const inputs: number[][] = [];
  let state = initialState(setup);
  for (let f = 0; f < frames; f++) {
    const now = state;
    const row = bots
      ? now.tanks.map((t) => botInput(now, t.slot))
      : held.map((input, slot) => (held[slot] = randInt(rng, 8) === 0 ? randInt(rng, 32) : input));
    inputs.push(row);
    state = step(state, row);
  }
  return { setup, state, inputs };
}

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    console.error(`sim: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const o = parsed.options;
  if (o.mode === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (o.mode === 'replay') return replayFile(o.file);
  const run = runHeadless(o.players, o.frames, o.seed, o.bots);
  if (o.record !== null) writeFileSync(o.record, JSON.stringify(recordReplay(run.setup, run.inputs)));
  console.log(`frame ${run.state.frame} hash ${hex(stateHash(run.state))}`);
  return 0;
}

function replayFile(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`sim: cannot read replay ${file}: ${(e as Error).message}`);
    return 2;
  }
  const parsed = parseReplayText(text);
  if (!parsed.ok) {
    console.error(`sim: ${file} is not a valid replay: ${parsed.error}`);
    return 2;
  }
  const replay = parsed.replay;
  const tally = createStatsTally(replay.setup.players.length);
  const result = runReplay(replay, (state) => tally.add(state.events));
  for (const m of result.mismatches.slice(0, 10)) {
    const got = m.actual === null ? 'the replay ends before it' : hex(m.actual);
    console.error(`sim: MISMATCH at frame ${m.frame}: recorded ${hex(m.expected)}, got ${got}`);
  }
  if (!result.ok) {
    const build = replay.version === 2 ? ` (recorded by build ${replay.build})` : '';
    console.error(`sim: replay ${file} does NOT reproduce${build}: ${result.mismatches.length} of ${result.checked} checkpoints differ`);
    return 1;
  }
  console.log(`replay ok: ${result.checked} checkpoints match`);
  console.log(`frame ${result.finalFrame} hash ${hex(result.finalHash)}`);
  console.log(statsTable(replay.setup.players.map((p) => p.name), tally.stats()));
  return 0;
}

/** The match statistics as a plain text table, one player a line. */
export function statsTable(names: readonly string[], stats: readonly PlayerStats[]): string {
  const rows = stats.map((p, slot) => `${String(slot).padStart(4)}  ${String(p.shots).padStart(5)} ${String(p.kills).padStart(5)} ${String(p.selfHits).padStart(4)} ${String(p.longestRicochet).padStart(8)}  ${names[slot] ?? ''}`);
  return ['slot  shots kills self ricochet  name', ...rows].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
