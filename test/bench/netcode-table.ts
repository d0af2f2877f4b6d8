/**
 * `npm run bench` (after the vitest benches): the netcode tables, one per mode (lockstep, then
 * rollback with ROLLBACK_OPTIONS), one row per simulated profile and peer count, printed as
 * markdown for the README's Benchmarks section. Both modes run the same seeds, so a row of one
 * table and the same row of the other saw the same network. Usage:
 *   tsx test/bench/netcode-table.ts [--frames N] [--mode lockstep|rollback]
 */
import { ROLLBACK_OPTIONS } from '../../net/lockstep/lockstep';
import { PROFILES } from '../simnet/profiles';
import { measureNetcode, type EngineConfig, type NetcodeFigures } from './netcode-harness';

const LOCKSTEP: EngineConfig = { mode: 'lockstep', predictionFrames: 0 };
const ROLLBACK: EngineConfig = { mode: 'rollback', predictionFrames: ROLLBACK_OPTIONS.predictionFrames ?? 0, options: ROLLBACK_OPTIONS };

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const frames = Number(arg('--frames') ?? 10_000);
const modes = [LOCKSTEP, ROLLBACK].filter((m) => (arg('--mode') ?? m.mode) === m.mode);

interface Column {
  readonly title: string;
  readonly cell: (f: NetcodeFigures) => string;
}

const common: Column[] = [
  { title: 'delay (limit)', cell: (f) => `${f.delay} (${f.limitWithLoss === f.limit ? f.limit : `${f.limit} + 1`})` },
  { title: 'local input latency mean / p99 (frames)', cell: (f) => `${f.latencyMean.toFixed(2)} / ${f.latencyP99}` },
  { title: 'stalls / 1000 frames', cell: (f) => f.stallsPer1000.toFixed(1) },
];
const rollbackOnly: Column[] = [
  { title: 'rollbacks / s', cell: (f) => f.rollbacksPerSecond.toFixed(1) },
  { title: 'mean rollback (frames)', cell: (f) => f.meanRollbackFrames.toFixed(1) },
  { title: 'frames predicted', cell: (f) => `${(f.predictedShare * 100).toFixed(0)} %` },
];
const costs: Column[] = [
  { title: 'CPU / peer-frame', cell: (f) => `${f.cpuUsPerFrame.toFixed(0)} µs` },
  { title: 'bytes/s per peer', cell: (f) => Math.round(f.bytesPerSecond).toLocaleString('en-US') },
];

/** One markdown table: every profile at 2, 4 and 8 peers under `engine`. */
function table(engine: EngineConfig): string {
  const columns = [...common, ...(engine.predictionFrames > 0 ? rollbackOnly : []), ...costs];
  const header = ['profile', 'peers', ...columns.map((c) => c.title)];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const name of ['clean', 'lan', 'wifi', 'bad-wifi']) {
    for (const peers of [2, 4, 8]) {
      const figures = measureNetcode({ profile: PROFILES[name]!, peers, engine, frames, warmUpFrames: 600, seed: 77 + peers });
      lines.push(`| ${[name, String(peers), ...columns.map((c) => c.cell(figures))].join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

for (const engine of modes) {
  const window = engine.predictionFrames > 0 ? ` (prediction window ${engine.predictionFrames}, delay ${ROLLBACK_OPTIONS.initialDelay})` : '';
  console.log(`\nnetcode, ${engine.mode}${window}, simulated network, ${frames} frames after a 600-frame warm-up:\n`);
  console.log(table(engine));
}
