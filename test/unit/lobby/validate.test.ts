import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseHealth, parseHostMessage, parseMatchListEvent } from '../../../net/lobby/validate.js';
import { DEFAULT_MATCH_OPTIONS, PALETTE } from '../../../net/lobby/messages.js';
import { MAX_NAME_BYTES } from '../../../net/protocol/index.js';

describe('lobby message validation', () => {
  it('accepts a well-formed join with and without a colour', () => {
    const base = { type: 'join', protocolVersion: 1, buildId: 'index-abc', name: 'Ada' };
    expect(parseClientMessage(JSON.stringify(base))).toEqual({ ok: true, msg: base });
    expect(parseClientMessage({ ...base, colour: PALETTE[2] }).ok).toBe(true);
  });

  it('rejects garbage as data, never throwing', () => {
    for (const raw of ['', '{', 'null', '[]', '42', '{"type":7}', '{"type":"__proto__"}', '{"type":"nope"}']) {
      const parsed = parseClientMessage(raw);
      expect(parsed.ok).toBe(false);
      expect(parseHostMessage(raw).ok).toBe(false);
    }
  });

  it('rejects a join with a blank, overlong or non-string name, or an off-palette colour', () => {
    const base = { type: 'join', protocolVersion: 1, buildId: 'x' };
    expect(parseClientMessage({ ...base, name: '   ' }).ok).toBe(false);
    expect(parseClientMessage({ ...base, name: 'x'.repeat(MAX_NAME_BYTES + 1) }).ok).toBe(false);
    // The limit is in UTF-8 bytes: 11 CJK characters are 33 of them, 10 are 30.
    expect(parseClientMessage({ ...base, name: '鳥'.repeat(11) }).ok).toBe(false);
    expect(parseClientMessage({ ...base, name: '鳥'.repeat(10) }).ok).toBe(true);
    // Nothing but invisible characters is a blank name.
    expect(parseClientMessage({ ...base, name: '\u202E\u200B\u2066' }).ok).toBe(false);
    expect(parseClientMessage({ ...base, name: 5 }).ok).toBe(false);
    expect(parseClientMessage({ ...base, name: 'Ada', colour: '#123456' }).ok).toBe(false);
  });

  it('checks nested host messages field by field', () => {
    const start = { matchId: 'm', matchNumber: 1, seed: 7, slotOwners: ['a'], names: ['Ada'], colours: [PALETTE[0]], botSlots: [], peerKey: 'k', options: DEFAULT_MATCH_OPTIONS };
    expect(parseHostMessage({ type: 'start', start }).ok).toBe(true);
    expect(parseHostMessage({ type: 'start', start: { ...start, seed: -1 } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'start', start: { ...start, botSlots: [1.5] } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'refused', reason: 'full', message: 'Full.' }).ok).toBe(true);
    expect(parseHostMessage({ type: 'refused', reason: 'bored', message: 'x' }).ok).toBe(false);
    expect(parseHostMessage({ type: 'peer-gone', peerId: 'p2' }).ok).toBe(true);
    expect(parseHostMessage({ type: 'peer-gone', peerId: 7 }).ok).toBe(false);
  });

  it('validates the match list and the health answer', () => {
    const listing = { matchId: 'm', name: 'A', players: 1, capacity: 8, phase: 'lobby', url: 'http://x', protocolVersion: 1, alive: true, self: false };
    expect(parseMatchListEvent(JSON.stringify({ matches: [listing] })).ok).toBe(true);
    expect(parseMatchListEvent({ matches: [{ ...listing, alive: 'yes' }] }).ok).toBe(false);
    expect(parseHealth('<!doctype html><html>').ok).toBe(false);
    expect(parseHealth({ app: 'ricochet', ok: true, matchId: 'm', matchName: 'M', protocolVersion: 1, buildId: 'b', phase: 'lobby', players: 1, capacity: 8 }).ok).toBe(true);
  });
});
