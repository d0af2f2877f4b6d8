import { describe, expect, it } from 'vitest';
import type { LobbyClientState } from '../../../net/lobby/lobby-client';
import { DEFAULT_MATCH_OPTIONS, PALETTE, type Roster, type Welcome } from '../../../net/lobby/messages';
import { matchOptionsView, NETCODE_HELP, optionsNote } from '../../../game/ui/match-options-panel';

const local = { ...DEFAULT_MATCH_OPTIONS, maze: 'small' } as const;
const hostOptions = { targetScore: 3, maze: 'large', botLevel: 'hard', netcode: 'rollback' } as const;
const slot = (n: number, playerId: string, isCreator: boolean, kind: 'player' | 'bot' = 'player') =>
  ({ slot: n, kind, playerId, name: playerId, colour: PALETTE[n]!, ready: false, isCreator });
const roster = (phase: Roster['phase'] = 'lobby'): Roster => ({
  matchId: 'm', matchName: 'M', phase, capacity: 8, options: hostOptions,
  slots: [slot(0, 'ada', true), slot(1, 'bo', false), slot(2, 'ada', false, 'bot')],
});
const lobby = (playerId: string | null, extra: Partial<LobbyClientState> = {}): LobbyClientState => ({
  status: 'open', welcome: playerId ? ({ playerId } as Welcome) : null, refusal: null, roster: roster(), start: null, lastError: null, buildId: 'b', pinRequired: false, ...extra,
});

describe('the match options card', () => {
  it("shows this page's own options, editable, with no host or before joining", () => {
    expect(matchOptionsView(null, local)).toEqual({ options: local, editable: true, scope: 'practice' });
    expect(matchOptionsView(lobby(null), local)).toEqual({ options: local, editable: true, scope: 'practice' });
    expect(matchOptionsView(lobby('ada', { status: 'closed' }), local).scope).toBe('practice');
  });

  it("shows the host's options once joined: editable for the creator only, and by nobody once started", () => {
    expect(matchOptionsView(lobby('ada'), local)).toEqual({ options: hostOptions, editable: true, scope: 'match' });
    expect(matchOptionsView(lobby('bo'), local)).toEqual({ options: hostOptions, editable: false, scope: 'match' });
    expect(matchOptionsView(lobby('ada', { roster: roster('playing') }), local).editable).toBe(false);
    // A bot's row names its owner, but only the owner's player row makes it the creator.
    const botOwnedByBo = { ...roster(), slots: [slot(0, 'ada', true), slot(1, 'bo', false, 'bot')] };
    expect(matchOptionsView(lobby('bo', { roster: botOwnedByBo }), local).editable).toBe(false);
  });

  it('says whose choices they are, and what each netcode means in one line', () => {
    expect(optionsNote({ options: local, editable: true, scope: 'practice' })).toMatch(/practice/);
    expect(optionsNote({ options: local, editable: true, scope: 'match' })).toMatch(/every player/);
    expect(optionsNote({ options: local, editable: false, scope: 'match' })).toMatch(/creator/);
    for (const line of Object.values(NETCODE_HELP)) expect(line.split('\n')).toHaveLength(1);
    expect(NETCODE_HELP.lockstep).not.toBe(NETCODE_HELP.rollback);
  });
});
