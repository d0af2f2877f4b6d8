import { describe, expect, it } from 'vitest';
import { isCreator, ownSlot } from '../../../net/lobby/lobby-core.js';
import { DEFAULT_MATCH_OPTIONS, PALETTE, type Roster, type RosterSlot, type Welcome } from '../../../net/lobby/messages.js';

const slot = (n: number, playerId: string, creator: boolean, kind: RosterSlot['kind'] = 'player'): RosterSlot =>
  ({ slot: n, kind, playerId, name: playerId, colour: PALETTE[n]!, ready: false, isCreator: creator });
const roster = (...slots: RosterSlot[]): Roster => ({ matchId: 'm', matchName: 'M', phase: 'lobby', capacity: 8, slots, options: DEFAULT_MATCH_OPTIONS });
// The welcome said "not the creator": only the roster may change that.
const welcome = (playerId: string, creator = false): Welcome => ({ playerId, isCreator: creator } as Welcome);

describe('the creator role follows the roster', () => {
  it('moves to the page whose row carries the crown, whatever its welcome said', () => {
    const before = roster(slot(0, 'ada', true), slot(1, 'bo', false));
    const after = roster(slot(0, 'bo', true), slot(1, 'ada', false, 'bot'));
    expect(isCreator({ roster: before, welcome: welcome('bo') })).toBe(false);
    expect(isCreator({ roster: after, welcome: welcome('bo') })).toBe(true);
    // And away from a page whose welcome said it was the creator.
    expect(isCreator({ roster: after, welcome: welcome('ada', true) })).toBe(false);
  });

  it("finds the page's own player row, never a bot row it owns, and nothing before joining", () => {
    const r = roster(slot(0, 'ada', true), slot(1, 'ada', false, 'bot'));
    expect(ownSlot({ roster: r, welcome: welcome('ada') })?.slot).toBe(0);
    expect(ownSlot({ roster: r, welcome: null })).toBeUndefined();
    expect(isCreator({ roster: null, welcome: welcome('ada', true) })).toBe(false);
  });
});
