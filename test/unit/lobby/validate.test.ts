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

  it('accepts set-options with any subset of valid options, the empty one included', () => {
    for (const options of [{}, { targetScore: 1 }, { targetScore: 99 }, { maze: 'small' }, { botLevel: 'hard', netcode: 'rollback' }, { ...DEFAULT_MATCH_OPTIONS, maze: 'large' }]) {
      expect(parseClientMessage({ type: 'set-options', options })).toEqual({ ok: true, msg: { type: 'set-options', options } });
    }
  });

  it('refuses set-options with a hostile value: out of range, not an integer, the wrong type, an unknown choice', () => {
    const bad: unknown[] = [
      { targetScore: 0 }, { targetScore: 100 }, { targetScore: -5 }, { targetScore: 2.5 }, { targetScore: '5' }, { targetScore: null },
      { targetScore: Number.MAX_SAFE_INTEGER + 2 }, { maze: 'huge' }, { maze: 3 }, { botLevel: 'godlike' }, { botLevel: ['hard'] },
      { netcode: 'telepathy' }, { netcode: true },
    ];
    for (const options of bad) expect(parseClientMessage({ type: 'set-options', options }).ok, JSON.stringify(options)).toBe(false);
    // A raw JSON text whose number overflows to Infinity is refused as well.
    expect(parseClientMessage('{"type":"set-options","options":{"targetScore":1e400}}').ok).toBe(false);
  });

  it('refuses set-options whose options are not an object, or name a key that is not an option', () => {
    for (const options of [undefined, null, 5, 'hard', [], [{ maze: 'small' }]]) {
      expect(parseClientMessage({ type: 'set-options', options }).ok).toBe(false);
    }
    // Unknown keys are refused, not ignored: a disagreement about the options must not pass silently.
    expect(parseClientMessage({ type: 'set-options', options: { maze: 'small', cheats: true } }).ok).toBe(false);
    expect(parseClientMessage('{"type":"set-options","options":{"__proto__":{"targetScore":3}}}').ok).toBe(false);
    expect(parseClientMessage({ type: 'set-options', options: { toString: 'x' } }).ok).toBe(false);
  });

  it('requires the options in a roster, and valid ones', () => {
    const roster = { matchId: 'm', matchName: 'M', phase: 'lobby', capacity: 8, slots: [], options: DEFAULT_MATCH_OPTIONS };
    expect(parseHostMessage({ type: 'roster', roster }).ok).toBe(true);
    expect(parseHostMessage({ type: 'roster', roster: { ...roster, options: undefined } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'roster', roster: { ...roster, options: { ...DEFAULT_MATCH_OPTIONS, targetScore: 0 } } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'roster', roster: { ...roster, options: { targetScore: 3 } } }).ok).toBe(false);
  });
});

describe('the messages that grew: join with a token, set-name', () => {
  const join = { type: 'join', protocolVersion: 1, buildId: 'x', name: 'Ada' };

  it('accepts a join with a token and a set-name with a usable name', () => {
    expect(parseClientMessage({ ...join, token: 'a'.repeat(32) })).toEqual({ ok: true, msg: { ...join, token: 'a'.repeat(32) } });
    expect(parseClientMessage({ type: 'set-name', name: '鳥'.repeat(10) }).ok).toBe(true);
  });

  it('refuses unknown keys, wrong types and names too long, each with a clear error', () => {
    expect(parseClientMessage({ ...join, admin: true })).toEqual({ ok: false, error: 'malformed join message: unknown key "admin"' });
    expect(parseClientMessage({ type: 'set-name', name: 'Ada', colour: PALETTE[0] })).toEqual({ ok: false, error: 'malformed set-name message: unknown key "colour"' });
    expect(parseClientMessage({ ...join, token: 42 })).toEqual({ ok: false, error: 'malformed join message: bad or missing "token"' });
    expect(parseClientMessage({ ...join, token: '' }).ok).toBe(false);
    expect(parseClientMessage({ ...join, token: 't'.repeat(65) }).ok).toBe(false);
    for (const name of ['x'.repeat(MAX_NAME_BYTES + 1), '鳥'.repeat(11), '  ', '\u200B', 7, null, undefined]) {
      expect(parseClientMessage({ type: 'set-name', name })).toEqual({ ok: false, error: `malformed set-name message: "name" must be a name of 1 to ${MAX_NAME_BYTES} bytes of UTF-8, not blank once cleaned` });
    }
    // The older messages are held to their fields too.
    expect(parseClientMessage({ type: 'set-ready', ready: true, extra: 1 }).ok).toBe(false);
  });

  it('lets a host message carry keys this page does not know (a newer host)', () => {
    expect(parseHostMessage({ type: 'error', message: 'x', hint: 'y' }).ok).toBe(true);
  });
});
