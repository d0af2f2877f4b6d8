/**
 * The game's sounds over Phaser's sound manager: one-shot effects for sim events (rate-limited
 * per key so that a burst of ricochets does not stack into noise), the engine hum as a loop whose
 * pitch follows the local tank, the mute toggle and the volume (both remembered, see
 * mute-setting.ts and volume-setting.ts).
 */
import type Phaser from 'phaser';
import { ASSET_KEY, type AssetKey } from '../../assets/manifest';
import type { SimEvent } from '../sim';
import { loadMuted, saveMuted } from './mute-setting';
import { clampVolume, loadVolume, saveVolume } from './volume-setting';

/** Minimum time between two plays of the same effect. */
const MIN_GAP_MS = 45;

const EVENT_SOUNDS: Partial<Record<SimEvent['type'], { key: AssetKey; volume: number }>> = {
  fire: { key: ASSET_KEY.sfxFire, volume: 0.5 },
  bounce: { key: ASSET_KEY.sfxRicochet, volume: 0.35 },
  explode: { key: ASSET_KEY.sfxExplosion, volume: 0.8 },
  'match-over': { key: ASSET_KEY.sfxWin, volume: 0.7 },
};

/** The sounds of one page. */
export interface SoundBoard {
  event(event: SimEvent): void;
  click(): void;
  /** Engine hum on (with a pitch from 0 = idle to 1 = driving) or off. */
  engine(on: boolean, drive: number): void;
  muted(): boolean;
  toggleMute(): boolean;
  /** The master volume, 0..1. */
  volume(): number;
  /** Sets and remembers the master volume (clamped to 0..1). */
  setVolume(volume: number): void;
}

/** Creates the board on `sound` (the game's sound manager), restoring the mute setting. */
export function createSoundBoard(sound: Phaser.Sound.BaseSoundManager): SoundBoard {
  // Our own flag: Phaser's `mute` getter reads a gain node, which lags while audio is locked.
  let muted = loadMuted();
  sound.mute = muted;
  let volume = loadVolume();
  sound.volume = volume;
  const lastPlayed = new Map<string, number>();
  let hum: Phaser.Sound.BaseSound | null = null;
  const play = (key: AssetKey, volume: number): void => {
    const now = performance.now();
    if (now - (lastPlayed.get(key) ?? -Infinity) < MIN_GAP_MS) return;
    lastPlayed.set(key, now);
    if (sound.get(key) || sound.game.cache.audio.exists(key)) sound.play(key, { volume });
  };
  return {
    event(event) {
      const s = EVENT_SOUNDS[event.type];
      if (s) play(s.key, s.volume);
    },
    click: () => play(ASSET_KEY.sfxClick, 0.4),
    engine(on, drive) {
      if (!hum && on && sound.game.cache.audio.exists(ASSET_KEY.sfxEngine)) {
        hum = sound.add(ASSET_KEY.sfxEngine, { loop: true, volume: 0.12 });
        hum.play();
      }
      if (!hum) return;
      if (!on) {
        hum.stop();
        hum.destroy();
        hum = null;
        return;
      }
      (hum as Phaser.Sound.WebAudioSound).setRate?.(0.8 + 0.5 * drive);
    },
    muted: () => muted,
    toggleMute() {
      muted = !muted;
      sound.mute = muted;
      saveMuted(muted);
      return muted;
    },
    volume: () => volume,
    setVolume(next) {
      volume = clampVolume(next);
      sound.volume = volume;
      saveVolume(volume);
    },
  };
}
