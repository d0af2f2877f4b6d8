/**
 * The HTML title screen of index.html (`#title`): it shows from the first bytes of the page, before
 * any script, and stays over the canvas until Phaser has drawn its first lobby (or match) frame, so
 * the player never sees a blank page or a flash between loaders. Its one progress bar covers the
 * whole load: the script chunks first (game/loader.ts, most of the bytes), then the generated
 * sprites and sounds (the Preloader scene). No Phaser import here: the loader imports this file
 * before Phaser has arrived.
 */

/** The share of the bar the script chunks fill; the generated assets fill the rest. */
export const CHUNK_SHARE = 0.9;

/** Moves the bar to `fraction` (0..1): clamped, and never backwards. `status` replaces the line under it. */
export function showTitleProgress(fraction: number, status?: string): void {
  const root = document.getElementById('title');
  if (!root) return;
  const bar = root.querySelector('.title-bar');
  // The bar's own value is the floor: the page's one record of how far it got.
  const before = Number(bar?.getAttribute('aria-valuenow')) || 0;
  const percent = Math.max(before, Math.round(Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * 100));
  const fill = root.querySelector<HTMLElement>('.title-fill');
  if (fill) fill.style.width = `${Math.max(3, percent)}%`;
  bar?.setAttribute('aria-valuenow', String(percent));
  const line = root.querySelector('.title-status');
  if (line && status !== undefined) line.textContent = status;
}

/** Says on the title screen that loading failed, and what to do. */
export function showTitleFailure(message: string): void {
  const line = document.getElementById('title')?.querySelector<HTMLElement>('.title-status');
  if (!line) return;
  line.textContent = message;
  line.style.color = '#f0e442';
}

/** Fades the title screen out over what Phaser now draws, then removes it. Idempotent. */
export function dismissTitleScreen(): void {
  const root = document.getElementById('title');
  if (!root || root.classList.contains('gone')) return;
  showTitleProgress(1);
  root.classList.add('gone');
  root.removeAttribute('role');
  // The fade is 0.35 s; removing it later than that keeps the fade, and removes it even if the
  // tab is hidden and the transition never runs.
  window.setTimeout(() => root.remove(), 400);
}
