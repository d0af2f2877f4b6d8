/**
 * The LAN suite's global setup: before and after the suite, sweep the namespaces of earlier test
 * processes that died without their teardown, so no run leaves a virtual LAN behind for long.
 */
import { sweepStaleLans } from './virtual-lan.js';

function sweep(when: string): void {
  const removed = sweepStaleLans();
  if (removed.length > 0) console.log(`${when}: removed ${removed.length} namespaces of dead test processes: ${removed.join(' ')}`);
}

export function setup(): void {
  sweep('before the LAN suite');
}

export function teardown(): void {
  sweep('after the LAN suite');
}
