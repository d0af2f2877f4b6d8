import { describe, expect, it } from 'vitest';
import { buildIdFromScriptSrc, resolvePeerServer } from '../../../net/lobby/page-origin.js';
import { splitSseEvents } from '../../../net/lobby/match-feed.js';

describe('page origin helpers', () => {
  it('derives the build id from the built entry script, and "dev" from sources', () => {
    expect(buildIdFromScriptSrc('./assets/index-B3xK9a.js')).toBe('index-B3xK9a');
    expect(buildIdFromScriptSrc('/game/main.ts')).toBe('dev');
    expect(buildIdFromScriptSrc(null)).toBe('dev');
  });

  it('takes the PeerJS host and port from the page origin, path and key from the host', () => {
    const fromHost = { host: '0.0.0.0', port: 1, path: '/peerjs', key: 'k1', secure: false };
    expect(resolvePeerServer('http://10.1.2.3:8081', fromHost)).toEqual({ host: '10.1.2.3', port: 8081, path: '/peerjs', key: 'k1', secure: false });
    expect(resolvePeerServer('https://example.local', fromHost).port).toBe(443);
  });
});

describe('SSE splitting', () => {
  it('returns complete events and keeps the unfinished tail', () => {
    const { events, rest } = splitSseEvents(': hi\n\ndata: {"a":1}\n\ndata: x\r\ndata: y\r\n\r\ndata: part');
    expect(events).toEqual(['{"a":1}', 'x\ny']);
    expect(rest).toBe('data: part');
  });
});
