import { describe, expect, it } from 'vitest';
import { CELL, SHELL_SPEED } from '../../../game/sim/constants';
import { INPUT, INPUT_MASK } from '../../../game/sim/input';
import { initialState, step } from '../../../game/sim/index';
import { cellCentre, openMaze, sandbox } from '../../fixtures/sim-states';
import type { Maze, SimState } from '../../../game/sim/types';
import { bounceAngles, traceShot } from '../../../game/bots/aim';
import { botInput } from '../../../game/bots/bot';
import { cellOf, nextWaypoint } from '../../../game/bots/navigate';
import { shortestPaths } from '../../../game/sim/maze';

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }));

describe('botInput', () => {
  it('is a valid input bitmask for every slot, and the same for the same state', () => {
    let s = initialState({ seed: 21, players: players(4) });
    for (let f = 0; f < 120; f++) {
      const inputs = s.tanks.map((t) => botInput(s, t.slot));
      for (const [slot, input] of inputs.entries()) {
        expect(input & ~INPUT_MASK).toBe(0);
        expect(botInput(s, slot)).toBe(input);
      }
      s = step(s, inputs);
    }
    expect(s.frame).toBe(120);
  });

  it('presses nothing for a dead tank, an absent slot or a slot that does not exist', () => {
    const s = sandbox({ players: 2, tanks: [{ alive: false }, cellCentre(4, 4)] });
    expect(botInput(s, 0)).toBe(0);
    expect(botInput(s, 5)).toBe(0);
  });

  it('beats a tank that does nothing', () => {
    let s = initialState({ seed: 3, players: players(2), targetScore: 2 });
    for (let f = 0; f < 6000 && s.phase !== 'match-over'; f++) s = step(s, [botInput(s, 0), 0]);
    expect(s.phase).toBe('match-over');
    expect(s.winner).toBe(0);
  });

  it('fires when its barrel points at an enemy in sight, and not when it points away', () => {
    const on = sandbox({ players: 2, tanks: [{ ...cellCentre(1, 2), angle: 0 }, cellCentre(4, 2)] });
    const fires = [16, 32, 48, 64].some((frame) => (botInput({ ...on, frame }, 0) & INPUT.FIRE) !== 0);
    expect(fires).toBe(true);
    const away = sandbox({ players: 2, tanks: [{ ...cellCentre(1, 2), angle: 2048 }, cellCentre(4, 2)] });
    expect([16, 32, 48, 64].some((frame) => (botInput({ ...away, frame }, 0) & INPUT.FIRE) !== 0)).toBe(false);
  });

  it('drives across the path of a shell about to hit it', () => {
    const me = cellCentre(4, 2);
    const s = sandbox({
      players: 2,
      tanks: [{ ...me, angle: 3072 }, cellCentre(8, 5)],
      shells: [{ owner: 1, x: me.x - CELL, y: me.y, vx: SHELL_SPEED, vy: 0 }],
    });
    const input = botInput(s, 0);
    expect(input & (INPUT.FORWARD | INPUT.BACK)).not.toBe(0);
  });
});

describe('bot aiming and navigation', () => {
  // A wall between the two tanks hides each from the other; the open border gives bounce lines.
  const wall: Maze = { ...openMaze(9, 6), east: openMaze(9, 6).east.map((_, i) => (i === 2 * 9 + 2 ? 1 : 0)) };

  it('finds a one-bounce shot at an enemy hidden behind a wall', () => {
    const s: SimState = sandbox({ players: 2, maze: wall, tanks: [cellCentre(2, 2), cellCentre(3, 2)] });
    const direct = traceShot(s, 0, 0);
    expect(direct).not.toBe(1);
    const hits = bounceAngles(s, s.tanks[0]!, s.tanks[1]!, 8).flatMap((b) =>
      [-36, 0, 36].map((d) => traceShot(s, 0, (b.angle + d + 4096) % 4096)),
    );
    expect(hits).toContain(1);
  });

  it('walks the maze toward its target: the next waypoint is an open neighbour on a shortest path', () => {
    const s = initialState({ seed: 8, players: players(2) });
    const me = s.tanks[0]!;
    const paths = shortestPaths(s.maze, cellOf(s.maze, me));
    const way = nextWaypoint(s.maze, paths, s.tanks[1]!);
    expect(Math.abs(way.x - me.x) + Math.abs(way.y - me.y)).toBe(CELL);
    // One step closer: the waypoint's cell is one shorter from the target than the bot's own.
    const fromTarget = shortestPaths(s.maze, cellOf(s.maze, s.tanks[1]!)).dist;
    expect(fromTarget[cellOf(s.maze, way)]).toBe(fromTarget[cellOf(s.maze, me)]! - 1);
  });
});
