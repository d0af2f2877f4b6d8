/**
 * Full screen through the Fullscreen API, on the element that holds both the canvas and the DOM
 * overlay (so the HUD and buttons come along). Where the API is missing (iPhone Safari) the
 * button is not offered. On a phone, going full screen also tries to hold landscape; a refusal
 * is fine (most browsers allow the lock only in full screen, some never).
 */

/** True if this document can go full screen. */
export function fullscreenSupported(doc: Document): boolean {
  return doc.fullscreenEnabled === true && typeof doc.documentElement.requestFullscreen === 'function';
}

/** True while the page is full screen. */
export function isFullscreen(doc: Document): boolean {
  return doc.fullscreenElement !== null && doc.fullscreenElement !== undefined;
}

/** Enters full screen on `target`, or leaves it. */
export function toggleFullscreen(doc: Document, target: HTMLElement): void {
  if (isFullscreen(doc)) {
    void doc.exitFullscreen().catch(() => undefined);
    return;
  }
  void target
    .requestFullscreen({ navigationUI: 'hide' })
    .then(() => (screen.orientation as ScreenOrientation & { lock?: (o: string) => Promise<void> }).lock?.('landscape'))
    .catch(() => undefined);
}
