import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, defaultMatchName, parseArgs, USAGE } from '../../../net/host/args.js';
import { decodeTxt, encodeTxt, MAX_TXT_ENTRY_BYTES } from '../../../net/host/txt.js';

describe('host flags', () => {
  it('defaults to port 8080, "<user>\'s match", opening a browser, discovery on', () => {
    expect(parseArgs([], 'ada')).toEqual({
      kind: 'run',
      config: { port: DEFAULT_PORT, name: "ada's match", open: true, interfaceAddress: null, discovery: true, startWhen: null, iceServers: [], pin: null },
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const parsed = parseArgs(['--port', '9000', '--name=Friday night', '--no-open', '--interface', '10.0.0.2', '--no-discovery', '--start-when=3', '--ice', 'stun:stun.lan:3478', '--pin', '0042'], 'ada');
    expect(parsed).toEqual({
      kind: 'run',
      config: { port: 9000, name: 'Friday night', open: false, interfaceAddress: '10.0.0.2', discovery: false, startWhen: 3, iceServers: ['stun:stun.lan:3478'], pin: '0042' },
    });
  });

  it('takes a loopback --interface (this computer only), and says what it does in the help', () => {
    expect(parseArgs(['--interface', '127.0.0.1'], 'a')).toMatchObject({ kind: 'run', config: { interfaceAddress: '127.0.0.1', discovery: true } });
    expect(parseArgs(['--interface=127.0.0.1', '--no-discovery'], 'a')).toMatchObject({ kind: 'run', config: { interfaceAddress: '127.0.0.1', discovery: false } });
    expect(parseArgs(['--interface', 'localhost'], 'a')).toMatchObject({ kind: 'error', message: expect.stringMatching(/IPv4/) });
    expect(USAGE).toMatch(/127\.0\.0\.1: this computer only, and not announced on the LAN/);
  });

  it('asks for help, and explains bad values and unknown flags', () => {
    expect(parseArgs(['--port', '1', '--help'], 'a')).toEqual({ kind: 'help' });
    expect(parseArgs(['--port', 'http'], 'a')).toMatchObject({ kind: 'error', message: expect.stringMatching(/--port/) });
    expect(parseArgs(['--start-when', '9'], 'a')).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--interface', 'eth0'], 'a')).toMatchObject({ kind: 'error', message: expect.stringMatching(/IPv4/) });
    expect(parseArgs(['--name'], 'a')).toMatchObject({ kind: 'error', message: '--name needs a value' });
    expect(parseArgs(['--colour'], 'a')).toMatchObject({ kind: 'error', message: expect.stringMatching(/unknown/) });
  });

  it('takes a PIN of 4 to 8 digits only, and says so', () => {
    for (const pin of ['1234', '12345678']) expect(parseArgs(['--pin', pin], 'a')).toMatchObject({ kind: 'run', config: { pin } });
    for (const pin of ['123', '123456789', '12a4', ' 1234', '', '12.4']) {
      expect(parseArgs([`--pin=${pin}`], 'a')).toEqual({ kind: 'error', message: `--pin needs 4 to 8 digits, such as 4821, not "${pin}"` });
    }
    expect(parseArgs(['--pin'], 'a')).toEqual({ kind: 'error', message: '--pin needs a value' });
  });

  it('keeps match names short and free of dots (mDNS instance names split on them)', () => {
    expect(defaultMatchName('')).toBe("Ricochet's match");
    const parsed = parseArgs(['--name', 'v1.2 night at Ada\'s place, bring snacks'], 'a');
    expect(parsed.kind === 'run' && parsed.config.name).toBe('v1 2 night at Ada\'s place, bring');
    // The one name rule (net/lobby's cleanName): bytes, whole graphemes, no bidi or controls.
    const cjk = parseArgs(['--name', `\u202E${'鳥'.repeat(22)}`], 'a');
    expect(cjk.kind === 'run' && cjk.config.name).toBe('鳥'.repeat(10));
  });
});

describe('the TXT record', () => {
  const advert = { protocolVersion: 1, matchId: 'a1b2c3', name: "Ada's match", players: 3, capacity: 8, phase: 'lobby' as const, pinRequired: false };

  it('round-trips through the strings the wire gives back', () => {
    expect(decodeTxt(encodeTxt(advert))).toEqual({ ok: true, advert });
    const locked = { ...advert, pinRequired: true };
    expect(decodeTxt(encodeTxt(locked))).toEqual({ ok: true, advert: locked });
    // Whether a PIN is needed, never the PIN.
    expect(encodeTxt(locked).pin).toBe('1');
    // A host of an older build sends no `pin`: its match needs none.
    const { pin: _pin, ...older } = encodeTxt(advert);
    expect(decodeTxt(older)).toEqual({ ok: true, advert });
    const asBuffers = Object.fromEntries(Object.entries(encodeTxt(advert)).map(([k, v]) => [k, new TextEncoder().encode(v)]));
    expect(decodeTxt(asBuffers)).toEqual({ ok: true, advert });
  });

  it('keeps every entry within 255 bytes, even with a long multi-byte name', () => {
    const txt = encodeTxt({ ...advert, name: '🚀'.repeat(200), matchId: 'x'.repeat(400) });
    for (const [k, v] of Object.entries(txt)) expect(new TextEncoder().encode(`${k}=${v}`).length).toBeLessThanOrEqual(MAX_TXT_ENTRY_BYTES);
  });

  it('rejects records that are not a Ricochet advert, without throwing', () => {
    for (const bad of [null, 'x', {}, { ...encodeTxt(advert), p: 'many' }, { ...encodeTxt(advert), s: 'done' }, { ...encodeTxt(advert), v: undefined }]) {
      expect(decodeTxt(bad).ok).toBe(false);
    }
  });
});
