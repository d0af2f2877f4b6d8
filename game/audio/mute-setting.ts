/**
 * The mute toggle, remembered across visits in localStorage. Storage may be missing or refuse
 * (private mode, blocked cookies): then the setting lasts for the visit only.
 */

const KEY = 'ricochet.muted';

/** Whether sound was muted last visit. */
export function loadMuted(storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Remembers the mute setting. */
export function saveMuted(muted: boolean, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, muted ? '1' : '0');
  } catch {
    // Storage refused: the setting holds for this visit.
  }
}
