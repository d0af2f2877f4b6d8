/**
 * The replay viewer's controls (DOM), one wrapping bar along the bottom so a phone held sideways
 * keeps most of the arena: Back, Play/Pause, the speeds, a seek slider, the time, and above them
 * the verdict on the file's checkpoints. Keys (the scene's): space, left/right, Esc.
 */
import { h, overlayRoot } from './dom';

/** The playback speeds offered. */
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;

/** What the controls do. */
export interface ReplayControlActions {
  readonly togglePlay: () => void;
  readonly setSpeed: (speed: number) => void;
  readonly seek: (frame: number) => void;
  readonly back: () => void;
}

/** What the controls show. */
export interface ReplayControlView {
  readonly frame: number;
  readonly total: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly verdict: { readonly text: string; readonly kind: 'checking' | 'verified' | 'mismatch' };
}

/** What the viewer needs to say about the file (pure). */
export interface VerdictFacts {
  readonly verdict: 'checking' | 'verified' | 'mismatch';
  readonly checked: number;
  readonly checkpoints: number;
  readonly mismatchFrame: number | null;
  /** The recording build's id (null: a version 1 file, which has none). */
  readonly recordedBuild: string | null;
  readonly pageBuild: string;
}

/** The verdict line (pure, for tests). */
export function verdictText(f: VerdictFacts): string {
  const build =
    f.recordedBuild === null ? ' (a version 1 file: it does not say which build recorded it)'
    : f.recordedBuild !== f.pageBuild ? ` Recorded by build ${f.recordedBuild}; this page is build ${f.pageBuild}.`
    : '';
  if (f.verdict === 'mismatch') return `Does not match this build: the checkpoint at frame ${f.mismatchFrame ?? '?'} differs.${build}`;
  if (f.verdict === 'verified') return `Verified: all ${f.checkpoints} checkpoints match.${build}`;
  return `Checking ${f.checked} of ${f.checkpoints} checkpoints...${build}`;
}

/** "m:ss" of a frame count at 60 frames per second. */
export function clockText(frame: number): string {
  const seconds = Math.floor(frame / 60);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const COLOURS = { checking: '#c8d2dc', verified: '#7fd88f', mismatch: '#f0e442' } as const;

/** Adds the controls; `update` refreshes them, `destroy` removes them. */
export function createReplayControls(actions: ReplayControlActions): { update(view: ReplayControlView): void; destroy(): void } {
  const play = h('button', { class: 'primary replay-play', text: 'Play', onclick: () => actions.togglePlay() });
  const speeds = SPEEDS.map((s) => h('button', { class: 'replay-speed', 'data-speed': String(s), text: `${s}x`, onclick: () => actions.setSpeed(s), style: { padding: '4px 8px' } }));
  const slider = h('input', { type: 'range', class: 'replay-seek', min: '0', max: '0', step: '1', value: '0', 'aria-label': 'seek', style: { flex: '1 1 160px', minWidth: '120px' } });
  let dragging = false;
  slider.addEventListener('pointerdown', () => void (dragging = true));
  slider.addEventListener('input', () => actions.seek(Number(slider.value)));
  slider.addEventListener('change', () => {
    dragging = false;
    slider.blur(); // the arrow keys are the viewer's (seek), not the slider's
  });
  const time = h('span', { class: 'replay-time dim', style: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } });
  const verdict = h('p', { class: 'replay-verdict', style: { margin: '0 0 6px', fontSize: '0.9rem' } });
  const back = h('button', { class: 'replay-back', text: 'Back (Esc)', onclick: () => actions.back() });
  const bar = h(
    'div',
    { class: 'panel replay-controls', style: { position: 'absolute', left: '8px', right: '8px', bottom: '8px', padding: '8px 10px', boxSizing: 'border-box' } },
    verdict,
    h('div', { style: { display: 'flex', gap: '6px', alignItems: 'center', flexWrap: 'wrap' } }, back, play, ...speeds, slider, time),
  );
  // A focused button would also take the space bar, which is play/pause: hand the keys back.
  bar.addEventListener('click', (e) => void (e.target instanceof HTMLButtonElement && e.target.blur()));
  overlayRoot().append(bar);
  return {
    update(view) {
      play.textContent = view.playing ? 'Pause' : 'Play';
      speeds.forEach((b, i) => b.classList.toggle('selected', SPEEDS[i] === view.speed));
      slider.max = String(view.total);
      if (!dragging) slider.value = String(view.frame);
      time.textContent = `${clockText(view.frame)} / ${clockText(view.total)}`;
      verdict.textContent = view.verdict.text;
      verdict.style.color = COLOURS[view.verdict.kind];
    },
    destroy: () => bar.remove(),
  };
}
