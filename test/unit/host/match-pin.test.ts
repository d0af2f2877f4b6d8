/**
 * The match PIN: the guard's rules on a fake clock, then a real host started with `--pin` (in a
 * child process, bound to 127.0.0.1): what /health, the lobby and the invite URLs say.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { fromThisMachine } from '../../../net/host/http-app.js';
import { createPinGuard, PIN_ADDRESS_RATE, PIN_TRIES_PER_SOCKET } from '../../../net/host/pin-guard.js';
import { PROTOCOL_VERSION } from '../../../net/protocol/index.js';
import { startChildHost, type ChildHost } from '../../harness/host-child.js';

describe('the PIN guard', () => {
  it('asks for a missing PIN, refuses a wrong one, lets the right one through', () => {
    const guard = createPinGuard('4821', () => 0);
    expect(guard.check('10.0.0.5', 1, undefined)).toMatchObject({ reason: 'pin-required', close: false });
    expect(guard.check('10.0.0.5', 1, '1234')).toMatchObject({ reason: 'wrong-pin', close: false });
    expect(guard.check('10.0.0.5', 1, '4821')).toBeNull();
  });

  it(`closes a socket on its ${PIN_TRIES_PER_SOCKET}th wrong PIN`, () => {
    const guard = createPinGuard('4821', () => 0);
    const closes = Array.from({ length: PIN_TRIES_PER_SOCKET }, (_, i) => guard.check(`10.0.0.${i}`, 7, '0000')?.close);
    expect(closes).toEqual([false, false, false, false, true]);
    // Another socket starts afresh.
    expect(guard.check('10.0.0.99', 8, '0000')?.close).toBe(false);
  });

  it('counts wrong PINs per address across sockets: once spent, even the right PIN waits until it refills', () => {
    let now = 0;
    const guard = createPinGuard('4821', () => now);
    for (let i = 0; i < PIN_ADDRESS_RATE.burst; i += 1) expect(guard.check('10.0.0.5', 100 + i, '0000')?.reason).toBe('wrong-pin');
    expect(guard.check('10.0.0.5', 200, '4821')).toMatchObject({ reason: 'pin-locked' });
    // Another device is not locked out by this one.
    expect(guard.check('10.0.0.6', 201, '4821')).toBeNull();
    now += 1000 / PIN_ADDRESS_RATE.perSecond;
    expect(guard.check('10.0.0.5', 202, '4821')).toBeNull();
  });
});

describe('invite URLs with the PIN', () => {
  const self = { names: () => new Set(['127.0.0.1', 'localhost', '10.0.0.2']), ports: new Set([8080]) };
  const req = (remoteAddress: string, host: string) => ({ socket: { remoteAddress }, headers: { host } }) as never;
  it('go only to a page on the host machine that names the host', () => {
    expect(fromThisMachine(req('127.0.0.1', '127.0.0.1:8080'), self)).toBe(true);
    expect(fromThisMachine(req('::ffff:10.0.0.2', '10.0.0.2:8080'), self)).toBe(true);
    expect(fromThisMachine(req('10.0.0.9', '10.0.0.2:8080'), self)).toBe(false);
    expect(fromThisMachine(req('127.0.0.1', 'rebound.example:8080'), self)).toBe(false);
  });
});

describe('a host started with --pin', () => {
  let host: ChildHost | null = null;
  afterEach(async () => host?.stop());

  /** Each message of one lobby socket, and its close code. */
  function lobbySocket(port: number) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/lobby`);
    const got: { type: string; reason?: string }[] = [];
    let code = 0;
    ws.on('message', (data) => got.push(JSON.parse(String(data)) as { type: string; reason?: string }));
    ws.on('close', (c) => (code = c));
    const opened = new Promise((resolve) => ws.once('open', resolve));
    const join = (pin?: string): void =>
      ws.send(JSON.stringify({ type: 'join', protocolVersion: PROTOCOL_VERSION, buildId: 'index-standin1', name: 'Pin', ...(pin ? { pin } : {}) }));
    const answers = (): (string | undefined)[] => got.filter((m) => m.type !== 'roster').map((m) => m.reason ?? m.type);
    return { ws, opened, join, answers, code: () => code };
  }

  it('says on /health that it needs a PIN, and not which', async () => {
    host = await startChildHost('4821');
    const text = await (await fetch(`${host.base}/health`)).text();
    expect(JSON.parse(text)).toMatchObject({ pinRequired: true });
    expect(text).not.toContain('4821');
    const info = (await (await fetch(`${host.base}/api/info`)).json()) as { urls: string[] };
    expect(info.urls[0]).toMatch(/\?pin=4821$/);
  });

  it('refuses a join without the PIN or with a wrong one, welcomes the right one, and closes a guesser', async () => {
    host = await startChildHost('4821');
    const page = lobbySocket(host.port);
    await page.opened;
    page.join();
    page.join('1111');
    page.join('4821');
    await expect.poll(() => page.answers()).toEqual(['pin-required', 'wrong-pin', 'welcome']);
    const guesser = lobbySocket(host.port);
    await guesser.opened;
    for (let i = 0; i < PIN_TRIES_PER_SOCKET; i += 1) guesser.join(String(1000 + i));
    await expect.poll(() => guesser.code()).toBe(1008);
    expect(guesser.answers()).toEqual(Array.from({ length: PIN_TRIES_PER_SOCKET }, () => 'wrong-pin'));
  });
});
