import { describe, expect, test, vi } from 'vitest';
import { DEFAULT_MATCH_OPTIONS, type StartInfo, type Welcome } from '../../../net/lobby/messages';
import { createMatchStage } from '../../../game/app/match-stage';
import type { MatchSession, ShownMatch } from '../../../game/app/match-session';
import { createMeshRecord } from '../../../game/app/mesh-record';
import { playNetworkMatch } from '../../../game/app/network-play';
import type { RunMatchOptions } from '../../../game/app/run-match';
import { createFakePeerNetwork } from '../../harness/fake-peer-network';
import { createVirtualClock } from '../../harness/virtual-clock';

const server = { host: '10.0.0.1', port: 8080, path: '/peerjs', key: 'peerjs', secure: false };
const start: StartInfo = {
  matchId: 'm1', matchNumber: 1, seed: 7, slotOwners: ['a', 'b'], names: ['Ada', 'Bo'],
  colours: ['#E69F00', '#56B4E9'], botSlots: [], peerKey: 'peerjs', options: DEFAULT_MATCH_OPTIONS,
};
const welcome = (peerId: string): Welcome => ({
  playerId: peerId, peerId, matchId: 'm1', matchName: 't', isCreator: peerId === 'a',
  peerServer: server, iceServers: [], protocolVersion: 1, buildId: 'b1',
});

interface FakeSession {
  readonly options: RunMatchOptions;
  stopped: boolean;
  left: boolean;
}

/** Two pages on a fake PeerJS network, each with its own stage, record and lobby. */
function twoPages(startInfo = start) {
  const clock = createVirtualClock(100);
  const net = createFakePeerNetwork(clock, 3);
  const pages = ['a', 'b'].map((peer) => {
    const shown: ShownMatch[] = [];
    const sessions: FakeSession[] = [];
    const stage = createMatchStage((m) => shown.push(m));
    const record = createMeshRecord();
    const lobby = { matchOver: vi.fn(), onPeerGone: vi.fn(() => vi.fn()) };
    const run = (options: RunMatchOptions): MatchSession => {
      const fake: FakeSession = { options, stopped: false, left: false };
      sessions.push(fake);
      return { ...options, engine: { leave: () => void (fake.left = true) }, stop: () => void (fake.stopped = true) } as unknown as MatchSession;
    };
    const connect = { createPeer: net.createPeer, clock, pollMs: 1, countdownMs: 300, timeoutMs: 2000 };
    const result = playNetworkMatch({ stage, lobby, record, playBot: false, connect, run }, startInfo, welcome(peer));
    return { shown, sessions, stage, record, lobby, result };
  });
  const settle = async (ms = 3000): Promise<void> => {
    for (let t = 0; t < ms; t += 10) {
      clock.advance(10);
      await Promise.resolve();
    }
  };
  return { pages, settle };
}

describe('a networked match on the page', () => {
  test('puts the match on the stage with actions, and records the start for window.ricochet.mesh()', async () => {
    const { pages, settle } = twoPages();
    await settle();
    for (const page of pages) {
      expect((await page.result).ok).toBe(true);
      expect(page.shown).toHaveLength(1);
      expect(page.stage.current()).toBe(page.shown[0]);
      const figures = page.record.figures();
      expect(figures.status?.links.map((l) => l.state)).toEqual(['up']);
      expect(figures.connection?.slotOwners).toEqual(['a', 'b']);
      expect(figures.history).toHaveLength(1);
    }
  });

  test('the end of a match tells the host; play again is a rematch on the same mesh', async () => {
    const { pages, settle } = twoPages();
    await settle();
    const said: string[] = [];
    pages[0]?.stage.current()?.actions.onOver();
    expect(pages[0]?.lobby.matchOver).toHaveBeenCalledTimes(1);
    for (const page of pages) page.stage.current()?.actions.onPlayAgain((text) => said.push(text));
    await settle();
    expect(said).toEqual(['Waiting for the others to play again…', 'Waiting for the others to play again…']);
    for (const page of pages) {
      expect(page.sessions.map((s) => s.stopped)).toEqual([true, false]);
      expect(page.stage.current()?.session.setup.seed).toBe(pages[0]?.stage.current()?.session.setup.seed);
      expect(page.record.figures().history).toHaveLength(2);
    }
  });

  test('back to lobby leaves, stops and clears the stage; leaving the page leaves too', async () => {
    const { pages, settle } = twoPages();
    await settle();
    pages[0]?.stage.current()?.actions.onBackToLobby();
    expect(pages[0]?.stage.current()).toBeNull();
    expect(pages[0]?.sessions[0]).toMatchObject({ stopped: true, left: true });
    pages[1]?.stage.current()?.actions.onLeave();
    expect(pages[1]?.sessions[0]).toMatchObject({ stopped: true, left: true });
  });

  test('"Leave match" mid-match leaves the mesh (the peers drop us at once), tells the host, and clears the stage; the match never pauses', async () => {
    const { pages, settle } = twoPages();
    await settle();
    const shown = pages[0]?.stage.current();
    expect(shown?.actions.pause).toBeUndefined(); // lockstep: the others play on while the menu is open
    expect(pages[0]?.lobby.matchOver).not.toHaveBeenCalled();
    shown?.actions.onQuit();
    expect(pages[0]?.sessions[0]).toMatchObject({ stopped: true, left: true });
    expect(pages[0]?.lobby.matchOver).toHaveBeenCalledTimes(1);
    expect(pages[0]?.stage.current()).toBeNull();
    expect(pages[1]?.sessions[0]).toMatchObject({ stopped: false, left: false });
  });

  test('a failed connect is recorded as the mesh error, and nothing is shown', async () => {
    const { pages, settle } = twoPages({ ...start, slotOwners: ['x', 'y'] });
    await settle(100);
    for (const page of pages) {
      expect((await page.result).ok).toBe(false);
      expect(page.shown).toHaveLength(0);
      expect(page.record.figures()).toMatchObject({ status: null, connection: null, error: { code: 'not-in-match' } });
    }
  });

  test("the start's options reach every page's match: target score, maze size, bot level, and again on a rematch", async () => {
    const options = { targetScore: 2, maze: 'small', botLevel: 'hard', netcode: 'lockstep' } as const;
    const { pages, settle } = twoPages({ ...start, options });
    await settle();
    for (const page of pages) {
      const run = page.sessions[0]?.options;
      expect(run?.setup).toMatchObject({ targetScore: 2, maze: { cols: 7, rows: 5 } });
      expect(run?.botLevel).toBe('hard');
    }
    for (const page of pages) page.stage.current()?.actions.onPlayAgain(() => undefined);
    await settle();
    for (const page of pages) expect(page.sessions[1]?.options).toMatchObject({ setup: { targetScore: 2, maze: { cols: 7, rows: 5 } }, botLevel: 'hard' });
  });

  test('the default options leave the sim its automatic maze and the bots their normal level', async () => {
    const { pages, settle } = twoPages();
    await settle();
    const run = pages[0]?.sessions[0]?.options;
    expect(run?.setup.maze).toBeUndefined();
    expect(run?.setup.targetScore).toBe(DEFAULT_MATCH_OPTIONS.targetScore);
    expect(run?.botLevel).toBe('normal');
  });
});
