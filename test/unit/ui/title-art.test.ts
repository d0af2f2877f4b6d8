import { describe, expect, it } from 'vitest';
import { PALETTE, type Roster } from '../../../net/lobby';
import type { LobbyClientState } from '../../../net/lobby/lobby-client';
import { generateMaze, seedRng, wallSegments } from '../../../game/sim';
import { targetScoreOf } from '../../../game/ui/lobby-panel';
import { titleArtMarkup } from '../../../game/ui/title-art';

describe('title art', () => {
  it('draws the sim maze of its seed, wall for wall, the same every time', () => {
    const markup = titleArtMarkup(7);
    expect(titleArtMarkup(7)).toBe(markup);
    expect(titleArtMarkup(8)).not.toBe(markup);
    const walls = wallSegments(generateMaze({ state: seedRng(7) }, 9, 4)).length;
    const wallGroup = /<g fill="#3b4a5c">(.*?)<\/g>/s.exec(markup)?.[1] ?? '';
    expect(wallGroup.match(/<rect /g)?.length).toBe(walls);
  });

  it('has three tanks in the palette colours', () => {
    const markup = titleArtMarkup(7);
    for (const colour of PALETTE.slice(0, 3)) expect(markup).toContain(`fill="${colour}"`);
  });
});

describe('target score on the how-to-play card', () => {
  const lobby = (roster: unknown): LobbyClientState => ({ status: 'open', roster }) as unknown as LobbyClientState;
  it('is the sim default until the host names one', () => {
    expect(targetScoreOf(null)).toBe(5);
    expect(targetScoreOf(lobby({ slots: [] } as unknown as Roster))).toBe(5);
  });
  it("is the host's target score when the roster carries the options", () => {
    expect(targetScoreOf(lobby({ slots: [], options: { targetScore: 3 } }))).toBe(3);
  });
});
