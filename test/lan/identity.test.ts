/**
 * Player identity on the virtual LAN (finding 3 of issue 9): a host with a PIN, two players'
 * pages joined, and an intruder's page on another laptop that knows their peer ids (as a player
 * of an earlier match would) and tries to register them at the host's signalling server first.
 * It is refused, its lobby screen shows no peer id, and once the third player joins, the match
 * starts and plays with the victims in their own slots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserInLaptop, type LaptopBrowser } from './browser-in-laptop';
import { compareCheckpoints, openGameLab, type Checkpoints, type GameLab } from './lab/game-rig';

const PIN = '4821';
const WELCOME = `(() => { const w = window.ricochet?.lobby()?.welcome; return w && { peerId: w.peerId, key: w.peerServer.key }; })()`;

/** In the page: open PeerJS's signalling socket for each id, as PeerJS would; what the host answers. */
const registerAll = (base: string, victims: readonly { peerId: string; key: string }[]): string => `Promise.all(${JSON.stringify(victims)}.map((v) =>
  new Promise((resolve) => {
    const ws = new WebSocket('${base}?key=' + v.key + '&id=' + v.peerId + '&token=guessed-token');
    ws.onmessage = (e) => { resolve(String(e.data)); ws.close(); };
    ws.onclose = () => resolve('refused');
    setTimeout(() => resolve('silent'), 5000);
  })))`;

describe('nobody can register another player\'s id', () => {
  let lab: GameLab;
  let intruder: LaptopBrowser;
  beforeAll(async () => {
    lab = await openGameLab({ players: 3, late: 1, spareLaptops: 1, pin: PIN });
    const ip = lab.lan.laptops[0]?.ip ?? '';
    intruder = await openBrowserInLaptop(lab.lan, 4, { pageHost: ip });
    await intruder.goto(lab.url);
  });
  afterAll(async () => {
    await intruder?.close().catch(() => undefined);
    await lab?.close();
  });

  it('refuses the intruder\'s registrations, shows it no peer id, and the victims\' match starts and plays', async () => {
    const victims = await Promise.all([0, 1].map((k) => lab.pages[k]?.waitFor<{ peerId: string; key: string }>(WELCOME, 60_000)));
    const known = victims.flatMap((v) => (v ? [v] : []));
    expect(known).toHaveLength(2);
    const answers = await intruder.evaluate<string[]>(registerAll(`ws://${new URL(lab.url).host}/peerjs/peerjs`, known));
    expect(answers).toEqual(['refused', 'refused']);
    // The intruder's lobby screen (no PIN, not joined) sees both players, and neither's peer id.
    const roster = await intruder.waitFor<string>('window.ricochet?.lobby()?.roster?.slots.length === 2 && JSON.stringify(window.ricochet.lobby())', 10_000);
    for (const v of known) expect(roster).not.toContain(v.peerId);
    expect(await intruder.evaluate('window.ricochet.lobby().pinRequired')).toBe(true);

    await lab.openLate();
    await lab.waitFrames(300, 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nhost log:\n${lab.hostLog().slice(-3000)}`);
    });
    const owners = await Promise.all(lab.pages.map((p) => p.evaluate<string[]>('window.ricochet.mesh().connection.slotOwners')));
    for (const list of owners) expect(list.slice(0, 2)).toEqual(known.map((v) => v.peerId));
    const lists = await Promise.all(lab.pages.map((p) => p.evaluate<Checkpoints>('window.ricochet.checkpoints()')));
    expect(compareCheckpoints(lists).mismatch).toBeNull();
  });
});
