import { describe, expect, it } from 'vitest';
import { ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import { PROFILES } from '../../simnet/profiles';
import { runSpectated, sharedCheckpoints, type SpectateRun } from '../../simnet/spectate-harness';

const JOIN = 240;

/** Every spectator agrees with every live player on every shared checkpoint, and shares at least `least`. */
function expectAgreement(run: SpectateRun, least: number): void {
  run.spectators.forEach((spectator) => {
    expect(spectator).not.toBeNull();
    if (!spectator) return;
    expect(spectator.status()).toMatchObject({ phase: 'watching', problem: null, mismatches: 0 });
    expect(spectator.status().agreed).toBeGreaterThanOrEqual(least);
    run.players.forEach((player, i) => {
      if (run.crashed.has(i)) return;
      const { shared, differ } = sharedCheckpoints(spectator.checkpoints(), player.checkpoints());
      expect(shared.length).toBeGreaterThanOrEqual(least);
      expect(differ).toEqual([]);
    });
  });
}

/** No player's engine heard a spectator: no event, no rejected message, and nobody waited on one. */
function expectEnginesUntouched(run: SpectateRun, spectatorIds: readonly string[]): void {
  for (const player of run.players) {
    const events = JSON.stringify(player.drainEvents());
    for (const id of spectatorIds) expect(events).not.toContain(`"${id}"`);
    // Stale and duplicate inputs are the network's own noise; nothing came from a stranger.
    expect(player.stats().rejected).toMatchObject({ invalid: 0, spoofed: 0, fromDropped: 0 });
  }
}

describe('spectators on the simulated network', () => {
  it.each([
    [1, 'lan'],
    [4, 'lan'],
    [4, 'wifi'],
  ] as const)('%i spectator(s) over %s: a snapshot, then the confirmed inputs; they agree with the players on every shared checkpoint', (count, profile) => {
    const run = runSpectated({ players: 4, spectators: count, joinAtTick: JOIN, ticks: 1200, profile: PROFILES[profile]!, seed: 11 });
    expectAgreement(run, 10);
    // Each spectator is at most a second behind the players by the end, and watched from a snapshot.
    const playerFrame = Math.min(...run.players.map((p) => p.frame()));
    for (const spectator of run.spectators) {
      expect(spectator!.frame()).toBeGreaterThan(playerFrame - 60);
      expect(spectator!.status().snapshot?.frame).toBeGreaterThanOrEqual(JOIN - 60);
      expect(spectator!.status().snapshot?.bytes).toBeGreaterThan(100);
    }
    // The host spreads them: with 4 spectators and 4 players, one each.
    run.feeders.forEach((feeder, i) => expect(feeder.watching()).toEqual(count === 4 || i === 0 ? [`p${4 + i}`] : []));
    expectEnginesUntouched(run, run.spectators.map((_, j) => `p${4 + j}`));
  });

  it('players in rollback (bad wifi, guesses corrected) feed their confirmed frames only: 2 spectators agree with them', () => {
    const run = runSpectated({ players: 3, spectators: 2, joinAtTick: JOIN, ticks: 1000, profile: PROFILES['bad-wifi']!, seed: 21, options: ROLLBACK_OPTIONS });
    // They ran ahead on guesses and corrected some; the spectators saw only what was confirmed.
    expect(Math.max(...run.players.map((p) => p.stats().rollbacks))).toBeGreaterThan(0);
    expectAgreement(run, 10);
  });

  it('players never wait for a spectator: 4 spectators that vanish after they join change nothing for the players', () => {
    const vanishAt = JOIN + 30;
    const run = runSpectated({
      players: 3, spectators: 4, joinAtTick: JOIN, ticks: 1200, profile: PROFILES.lan!, seed: 5,
      onTick: (tick, r) => {
        if (tick === vanishAt) for (let j = 0; j < 4; j++) r.net.crash(3 + j, 100);
      },
    });
    // Over the 900 ticks after they vanished, every player stepped a frame on nearly every tick (a
    // lockstep engine that waited for a vanished peer would stall for seconds, then drop it).
    for (const frames of run.playerFrames) {
      const gained = (frames[1199] as number) - (frames[vanishAt] as number);
      expect(gained).toBeGreaterThanOrEqual(1200 - vanishAt - 1 - 12);
    }
    run.feeders.forEach((feeder) => expect(feeder.watching()).toEqual([]));
    expect(run.feederEvents.flat().filter((e) => e.type === 'watcher-gone')).toHaveLength(4);
    expectEnginesUntouched(run, ['p3', 'p4', 'p5', 'p6']);
  });

  it('a spectator whose feeder leaves goes on with another player, from the frames it holds (no second snapshot), and still agrees', () => {
    const leaveAt = JOIN + 300;
    let lostSeen = false;
    const run = runSpectated({
      players: 3, spectators: 1, joinAtTick: JOIN, ticks: 1300, profile: PROFILES.lan!, seed: 9, feederOf: () => 0,
      onTick: (tick, r) => {
        if (tick === leaveAt) {
          r.crashed.add(0);
          r.net.crash(0, 200);
        }
        const spectator = r.spectators[0];
        if (spectator?.status().phase === 'feeder-lost' && !lostSeen) {
          lostSeen = true;
          spectator.switchFeeder('p1'); // what the host's new assignment makes the page do
        }
      },
    });
    expect(lostSeen).toBe(true);
    const spectator = run.spectators[0]!;
    expect(spectator.status().feeder).toBe('p1');
    expect(run.feederEvents[1]).toContainEqual(expect.objectContaining({ type: 'watching', peer: 'p3', snapshotBytes: 0 }));
    expect(spectator.frame()).toBeGreaterThan(1000);
    expectAgreement(run, 20);
  });
});
