import { setAutoFreeze } from 'immer';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { INPUT, initialState, step } from '../../game/sim/index';
setAutoFreeze(false);
const n = 8;
const players = Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));
const busy = (f: number) => Array.from({ length: n }, (_, slot) => ((f + slot) % 2 === 0 ? INPUT.FIRE : 0) | ((f >> 5) % 2 === 0 ? INPUT.FORWARD : 0) | (slot % 2 ? INPUT.LEFT : INPUT.RIGHT));
let s = initialState({ seed: 2024, players, targetScore: 99 });
let best = s;
for (let f = 0; f < 400; f++) { s = step(s, busy(f)); if (s.phase === 'playing' && s.tanks.filter((t) => t.alive).length >= n - 1 && s.shells.length > best.shells.length) best = s; }
const inputs = busy(1);
let gcMs = 0; let gcs = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) { gcMs += e.duration; gcs++; } }).observe({ entryTypes: ['gc'] });
const q = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.ceil(p * v.length) - 1]!;
function run(label: string, fn: () => void) {
  for (let i = 0; i < 500; i++) fn();
  const t: number[] = [];
  const g0 = gcMs; const c0 = gcs;
  for (let i = 0; i < 4000; i++) { const a = performance.now(); fn(); t.push(performance.now() - a); }
  setTimeout(() => console.log(label, 'mean', (t.reduce((a, b) => a + b) / t.length).toFixed(3), 'p50', q(t, 0.5).toFixed(3), 'p99', q(t, 0.99).toFixed(3), 'max', Math.max(...t).toFixed(2), 'gc', gcs - c0, (gcMs - g0).toFixed(1), 'ms'), 0);
}
run('resim8x8', () => { let x = best; for (let f = 0; f < 8; f++) x = step(x, inputs); });
let sink = 0;
run('control ', () => { let a = 1; for (let i = 0; i < 300_000; i++) a = (a * 1103515245 + 12345) | 0; sink += a; });
