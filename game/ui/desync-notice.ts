/**
 * The desync notice (DOM): what went out of sync, where, and a "Download desync report" button,
 * at the top of the match. A toast fades; this stays, because the player who saw a desync is the
 * one who can send the report. When the desync ended this page's match it also offers "Back to
 * lobby"; when another peer went astray and the match plays on, "Dismiss".
 */
import { h, overlayRoot } from './dom';

/** What the notice says and does. */
export interface DesyncNoticeOptions {
  readonly text: string;
  /** The match is over for this page (true) or plays on (false). */
  readonly fatal: boolean;
  /** Offers the report for download; returns the file name ('' if there is none). */
  readonly download: () => string;
  /** "Back to lobby" (fatal only). */
  readonly toLobby: () => void;
}

/** Shows the notice; returns the function that removes it. */
export function showDesyncNotice(options: DesyncNoticeOptions): () => void {
  const status = h('span', { class: 'dim desync-status', style: { marginLeft: '8px' } });
  const download = h('button', { class: 'download-desync-report', text: 'Download desync report', onclick: () => void (status.textContent = `Saved ${options.download()}`) });
  const close = options.fatal
    ? h('button', { class: 'primary desync-to-lobby', text: 'Back to lobby', onclick: () => options.toLobby() })
    : h('button', { class: 'desync-dismiss', text: 'Dismiss', onclick: () => panel.remove() });
  const panel = h(
    'div',
    { class: 'panel desync-notice', role: 'alert', style: { position: 'absolute', left: '50%', top: '12px', transform: 'translateX(-50%)', width: 'min(560px, 94vw)', boxSizing: 'border-box', zIndex: '5' } },
    h('p', { class: 'desync-text', text: options.text, style: { margin: '0 0 8px' } }),
    h('div', { style: { display: 'flex', gap: '10px', alignItems: 'center', flexWrap: 'wrap' } }, download, close, status),
  );
  overlayRoot().append(panel);
  return () => panel.remove();
}
