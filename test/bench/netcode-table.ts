/**
 * `npm run bench` (after the vitest benches): the netcode table, one row per simulated profile and
 * peer count, printed as markdown for the README's Benchmarks section. Usage:
 *   tsx test/bench/netcode-table.ts [--frames N]
 */
import { PROFILES } from '../simnet/profiles';
import { measureNetcode, type EngineConfig, type NetcodeFigures } from './netcode-harness';

const LOCKSTEP: EngineConfig = { mode: 'lockstep', predictionFrames: 0 };
const framesArg = process.argv.indexOf('--frames');
const frames = framesArg >= 0 ? Number(process.argv[framesArg + 1]) : 10_000;

const header = ['profile', 'peers', 'delay (limit)', 'input latency mean / p99 (frames)', 'stalls / 1000 frames', 'CPU / peer-frame', 'bytes/s per peer'];
const row = (name: string, peers: number, f: NetcodeFigures): string[] => [
  name,
  String(peers),
  `${f.delay} (${f.limit})`,
  `${f.latencyMean.toFixed(2)} / ${f.latencyP99}`,
  f.stallsPer1000.toFixed(1),
  `${f.cpuUsPerFrame.toFixed(0)} µs`,
  Math.round(f.bytesPerSecond).toLocaleString('en-US'),
];

const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
for (const name of ['clean', 'lan', 'wifi', 'bad-wifi']) {
  for (const peers of [2, 4, 8]) {
    const figures = measureNetcode({ profile: PROFILES[name]!, peers, engine: LOCKSTEP, frames, warmUpFrames: 600, seed: 77 + peers });
    lines.push(`| ${row(name, peers, figures).join(' | ')} |`);
  }
}
console.log(`\nnetcode, ${LOCKSTEP.mode}, simulated network, ${frames} frames after a 600-frame warm-up:\n`);
console.log(lines.join('\n'));
