/**
 * A readable box in the page for any fatal error: uncaught exceptions, rejected promises, and
 * failures reported by the game itself. Players see what broke instead of a frozen canvas, and the
 * browser tests can tell a crash from a slow page.
 */
import { h } from './dom';

const BOX_ID = 'error-box';

/** The box, made on the first error (the document holds it, so no module state is needed). */
function errorBox(): HTMLElement {
  const existing = document.getElementById(BOX_ID);
  if (existing) return existing;
  const box = h('div', { id: BOX_ID, role: 'alert' });
  document.body.append(box);
  return box;
}

/** Shows (or appends to) the error box. */
export function showFatalError(title: string, detail: unknown): void {
  const text = detail instanceof Error ? `${detail.message}\n${detail.stack ?? ''}` : String(detail);
  errorBox().append(h('div', {}, h('strong', { text: `${title}: ` }), text.split('\n').slice(0, 6).join('\n')));
}

/** Routes uncaught errors and unhandled rejections to the box. */
export function installErrorBox(win: Window): void {
  win.addEventListener('error', (e) => showFatalError('Error', e.error ?? e.message));
  win.addEventListener('unhandledrejection', (e) => showFatalError('Unhandled', e.reason));
}
