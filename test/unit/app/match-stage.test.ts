import { describe, expect, test, vi } from 'vitest';
import { createMatchStage } from '../../../game/app/match-stage';
import type { MatchActions, MatchSession, ShownMatch } from '../../../game/app/match-session';

const actions: MatchActions = { onOver: vi.fn(), onPlayAgain: vi.fn(), onBackToLobby: vi.fn(), onLeave: vi.fn(), onQuit: vi.fn() };
const shownMatch = (): ShownMatch & { session: { stop: ReturnType<typeof vi.fn> } } =>
  ({ session: { stop: vi.fn() } as unknown as MatchSession & { stop: ReturnType<typeof vi.fn> }, actions });

describe('the match stage', () => {
  test('shows a new match and stops the one before', () => {
    const present = vi.fn();
    const stage = createMatchStage(present);
    const first = shownMatch();
    const second = shownMatch();
    stage.show(first);
    stage.show(second);
    expect(present.mock.calls).toEqual([[first], [second]]);
    expect(first.session.stop).toHaveBeenCalledTimes(1);
    expect(second.session.stop).not.toHaveBeenCalled();
    expect(stage.current()).toBe(second);
  });

  test('clear stops and forgets the current match', () => {
    const stage = createMatchStage(vi.fn());
    const only = shownMatch();
    stage.show(only);
    stage.clear();
    expect(only.session.stop).toHaveBeenCalledTimes(1);
    expect(stage.current()).toBeNull();
  });
});
