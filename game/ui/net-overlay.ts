/**
 * The net overlay (F3 or the "net" button): frame, input delay, RTT and jitter per peer, stalls, bytes per
 * second each way and the last checkpoint's status, from the engine's stats; and the page's own
 * pace (display rate, late netcode beats, render level), since a starved page lags like a slow
 * link. Offline the figures are local (no peers, no bytes) but the frame and checkpoints still count.
 */
import type { LockstepStats } from '../../net/lockstep';
import { h, overlayRoot } from './dom';

/** What the overlay shows each refresh. */
export interface NetSample {
  readonly frame: number;
  readonly stats: LockstepStats;
  readonly waitingFor: readonly string[] | null;
  readonly nowMs: number;
  /** The page over the last second: display rate, share of late netcode beats, render level. */
  readonly page?: { readonly fps: number; readonly lateBeatShare: number; readonly renderLevel: number };
}

/** The overlay panel. */
export interface NetOverlay {
  toggle(): boolean;
  visible(): boolean;
  update(sample: NetSample): void;
  destroy(): void;
}

/** One peer's RTT (the median of the recent samples, else the smoothed one), jitter, and ping loss if any. */
function rttLine(s: LockstepStats, peer: string, ewma: number): string {
  const rtt = s.rttMedianByPeer[peer] ?? ewma;
  const jitter = s.jitterByPeer[peer];
  const loss = s.pingLossByPeer[peer] ?? 0;
  return `rtt ${peer.slice(0, 10)} ${rtt.toFixed(1)} ms${jitter === undefined ? '' : ` ± ${jitter.toFixed(1)} ms`}${loss > 0 ? ` · ${(loss * 100).toFixed(1)}% lost` : ''}`;
}

/** The overlay's text lines for a sample and the previous one (pure, for tests). */
export function netLines(now: NetSample, before: NetSample | null): string[] {
  const s = now.stats;
  const seconds = before ? Math.max(0.001, (now.nowMs - before.nowMs) / 1000) : 1;
  const rate = (a: number, b: number | undefined): string => (before && b !== undefined ? `${Math.round((a - b) / seconds)} B/s` : '–');
  const peers = Object.entries(s.rttByPeer);
  const cp = s.lastCheckpoint;
  return [
    `frame ${now.frame}`,
    `input delay ${s.delay} frames`,
    ...(peers.length ? peers.map(([peer, rtt]) => rttLine(s, peer, rtt)) : ['rtt – (no peers)']),
    `stalls ${s.stalls}${now.waitingFor?.length ? ` (waiting for ${now.waitingFor.join(', ')})` : ''}`,
    `up ${rate(s.bytesSent, before?.stats.bytesSent)} · down ${rate(s.bytesReceived, before?.stats.bytesReceived)}`,
    `checkpoint ${cp ? `${cp.frame} ${cp.status}` : 'none yet'}`,
    ...rollbackLines(now, before, seconds),
    ...(now.page ? [`page ${Math.round(now.page.fps)} fps · beats late ${Math.round(now.page.lateBeatShare * 100)}% · render level ${now.page.renderLevel}`] : []),
  ];
}

/** Rollback only (nothing in lockstep): rollbacks per second since the last sample, their mean length, the frames run ahead. */
export function rollbackLines(now: NetSample, before: NetSample | null, seconds: number): string[] {
  const s = now.stats;
  if (s.predictedFrames === 0 && s.rollbacks === 0) return [];
  const count = s.rollbacks - (before?.stats.rollbacks ?? 0);
  const frames = s.rollbackFrames - (before?.stats.rollbackFrames ?? 0);
  const perSecond = before ? `${(count / seconds).toFixed(1)}/s` : '–';
  return [`rollbacks ${perSecond} · mean ${count > 0 ? (frames / count).toFixed(1) : '–'} frames · ahead ${s.predictionDepth}`];
}

/** Builds the (hidden) overlay. */
export function createNetOverlay(): NetOverlay {
  const panel = h('pre', { class: 'panel net-overlay', style: { position: 'absolute', right: '12px', bottom: '12px', margin: '0', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '12px', lineHeight: '1.45', display: 'none', pointerEvents: 'none' } });
  overlayRoot().append(panel);
  let before: NetSample | null = null;
  return {
    toggle() {
      panel.style.display = panel.style.display === 'none' ? 'block' : 'none';
      return panel.style.display === 'block';
    },
    visible: () => panel.style.display === 'block',
    update(sample) {
      if (before && sample.nowMs - before.nowMs < 250) return;
      panel.textContent = netLines(sample, before).join('\n');
      before = sample;
    },
    destroy: () => panel.remove(),
  };
}
