import { describe, expect, it } from 'vitest';
import type { LobbyClientState } from '../../../net/lobby/lobby-client';
import type { LockstepStats } from '../../../net/lockstep/engine-types';
import type { SimState } from '../../../game/sim/types';
import { bannerText } from '../../../game/ui/hud';
import { hostStatusText } from '../../../game/ui/lobby-panel';
import { netLines } from '../../../game/ui/net-overlay';
import { rankRows, type ResultRow } from '../../../game/ui/results-panel';
import { emptyStats } from '../../../game/sim/match-stats';

const names = ['Ada', 'Bo', 'Cy'];
const phase = (p: SimState['phase'], extra: Partial<SimState> = {}): SimState => ({ phase: p, winner: -1, roundWinner: -1, ...extra }) as SimState;

describe('HUD banner', () => {
  it('is hidden while tanks fight', () => expect(bannerText(phase('playing'), names)).toBeNull());
  it('names the round winner, or calls a draw', () => {
    expect(bannerText(phase('round-over', { roundWinner: 1 }), names)).toBe('Round over: Bo wins');
    expect(bannerText(phase('round-over'), names)).toBe('Round over: a draw');
  });
  it('names the match winner', () => expect(bannerText(phase('match-over', { winner: 2 }), names)).toBe('Cy wins the match!'));
});

describe('net overlay', () => {
  const stats = (sent: number, received: number, rtt: Record<string, number> = {}): LockstepStats => ({
    delay: 3, rttByPeer: rtt, rttP90ByPeer: rtt, rttMedianByPeer: rtt, jitterByPeer: Object.fromEntries(Object.keys(rtt).map((p) => [p, 1.04])), pingLossByPeer: {}, stalls: 2, bytesSent: sent, bytesReceived: received, packetsSent: 0, packetsReceived: 0,
    rejected: { invalid: 0, spoofed: 0, stale: 0, duplicate: 0, fromDropped: 0 }, lastCheckpoint: { frame: 600, status: 'agreed' },
    rollbacks: 0, rollbackFrames: 0, predictedFrames: 0, predictionDepth: 0,
  });
  it('shows frame, delay, RTT per peer, stalls, bytes per second and the checkpoint', () => {
    const before = { frame: 100, stats: stats(1000, 500), waitingFor: null, nowMs: 0 };
    const now = { frame: 160, stats: stats(3000, 1500, { 'peer-b': 4.26 }), waitingFor: ['peer-c'], nowMs: 2000 };
    expect(netLines(now, before)).toEqual([
      'frame 160', 'input delay 3 frames', 'rtt peer-b 4.3 ms ± 1.0 ms', 'stalls 2 (waiting for peer-c)', 'up 1000 B/s · down 500 B/s', 'checkpoint 600 agreed',
    ]);
  });
  it("shows the page's own pace when given: display rate, late beats, render level", () => {
    const sample = { frame: 1, stats: stats(0, 0), waitingFor: null, nowMs: 0, page: { fps: 47.6, lateBeatShare: 0.314, renderLevel: 1 } };
    expect(netLines(sample, null).at(-1)).toBe('page 48 fps · beats late 31% · render level 1');
  });
  it('says there are no peers offline', () => {
    expect(netLines({ frame: 1, stats: stats(0, 0), waitingFor: null, nowMs: 0 }, null)).toContain('rtt – (no peers)');
  });
  it('in rollback, shows rollbacks per second, their mean length and the frames run ahead', () => {
    const rolled = (rollbacks: number, rollbackFrames: number): LockstepStats => ({ ...stats(0, 0), rollbacks, rollbackFrames, predictedFrames: 50, predictionDepth: 2 });
    const before = { frame: 100, stats: rolled(10, 20), waitingFor: null, nowMs: 0 };
    const now = { frame: 220, stats: rolled(16, 38), waitingFor: null, nowMs: 2000 };
    expect(netLines(now, before).at(-1)).toBe('rollbacks 3.0/s · mean 3.0 frames · ahead 2');
    expect(netLines({ frame: 1, stats: stats(0, 0), waitingFor: null, nowMs: 0 }, null).at(-1)).toBe('checkpoint 600 agreed');
  });
});

describe('results ranking', () => {
  const row = (slot: number, score: number, winner = false): ResultRow => ({ slot, name: names[slot] ?? '', colour: '#fff', score, winner, you: false, left: false, stats: emptyStats() });
  it('puts the winner first, then by score, then by slot', () => {
    expect(rankRows([row(0, 1), row(1, 3), row(2, 5, true)]).map((r) => r.slot)).toEqual([2, 1, 0]);
    expect(rankRows([row(1, 2), row(0, 2)]).map((r) => r.slot)).toEqual([0, 1]);
  });
});

describe('lobby host status', () => {
  const state = (patch: Partial<LobbyClientState>): LobbyClientState => ({ status: 'open', welcome: null, refusal: null, roster: null, start: null, lastError: null, buildId: 'b', pinRequired: false, ...patch });
  it('says when there is no host, and that practice works', () => {
    expect(hostStatusText(state({ status: 'no-host' }))).toMatch(/^No host.*Practice works/);
  });
  it('reports a refusal with the host message', () => {
    expect(hostStatusText(state({ refusal: { reason: 'full', message: 'The match is full.' } }))).toBe('The host refused: The match is full.');
  });
  it('says the host is gone while the socket is being reopened, and closed only when it is for good', () => {
    expect(hostStatusText(state({ status: 'reconnecting' }))).toBe('Host gone — reconnecting…');
    expect(hostStatusText(state({ status: 'closed' }))).toBe('The host closed the connection.');
    expect(hostStatusText(state({ status: 'closed', lastError: 'This player went on in another tab.' }))).toBe('The host closed the connection. This player went on in another tab.');
  });
});
