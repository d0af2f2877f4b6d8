/**
 * The sound volume (0..1), remembered across visits in localStorage next to the mute toggle
 * (mute-setting.ts). Storage may be missing or refuse (private mode, blocked cookies): then the
 * setting lasts for the visit only. Anything unreadable counts as the default.
 */

const KEY = 'ricochet.volume';

/** The volume a first visit gets: full, as before there was a slider. */
export const DEFAULT_VOLUME = 1;

/** `value` as a volume in 0..1, or the default if it is not a number. */
export function clampVolume(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : DEFAULT_VOLUME;
}

/** The volume of the last visit, or the default. */
export function loadVolume(storage: Storage | undefined = globalThis.localStorage): number {
  try {
    const saved = storage?.getItem(KEY);
    return saved === null || saved === undefined ? DEFAULT_VOLUME : clampVolume(Number(saved));
  } catch {
    return DEFAULT_VOLUME;
  }
}

/** Remembers the volume. */
export function saveVolume(volume: number, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, String(clampVolume(volume)));
  } catch {
    // Storage refused: the setting holds for this visit.
  }
}
