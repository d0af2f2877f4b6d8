import { describe, expect, it } from 'vitest';
import { applyHostMessage, createLobbyCore } from '../../../net/lobby/lobby-core';

describe('a pending join', () => {
  it("ends on the host's error as on a refusal, so the page can join again instead of waiting for ever", async () => {
    const core = createLobbyCore('open', 'build-1');
    const pending = core.awaitJoin();
    applyHostMessage(core, { type: 'error', message: 'join: unknown key "x"' }, 'http://127.0.0.1:8080');
    await expect(pending).resolves.toEqual({ ok: false, reason: 'error', message: 'join: unknown key "x"' });
    expect(core.state().lastError).toBe('join: unknown key "x"');
  });

  it('an error with no join pending only shows', () => {
    const core = createLobbyCore('open', 'build-1');
    applyHostMessage(core, { type: 'error', message: 'Join the match first.' }, 'http://127.0.0.1:8080');
    expect(core.state().lastError).toBe('Join the match first.');
  });
});
