import { describe, expect, it } from 'vitest';
import { readLobbySession, saveLobbySession } from '../../../game/app/lobby-session';

/** A Storage stand-in over a Map; `broken` makes every call throw, as a locked-down browser's does. */
function memoryStorage(broken = false): Storage {
  const map = new Map<string, string>();
  const guard = (): void => {
    if (broken) throw new Error('SecurityError');
  };
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => (guard(), map.get(k) ?? null),
    setItem: (k, v) => void (guard(), map.set(k, v)),
    removeItem: (k) => void map.delete(k),
  };
}

describe("the tab's lobby membership", () => {
  it('is remembered with its token and PIN, and read back', () => {
    const storage = memoryStorage();
    expect(readLobbySession(storage)).toBeNull();
    saveLobbySession({ token: 'abc', pin: '4821' }, storage);
    expect(readLobbySession(storage)).toEqual({ token: 'abc', pin: '4821' });
  });

  it('reads as "not joined" when missing, mangled or unusable', () => {
    const storage = memoryStorage();
    for (const text of ['{', '[]', '{"token":5}', '{"token":""}', 'null']) {
      storage.setItem('ricochet.lobby', text);
      expect(readLobbySession(storage), text).toBeNull();
    }
    storage.setItem('ricochet.lobby', '{"token":"t","pin":7}');
    expect(readLobbySession(storage)).toEqual({ token: 't', pin: null });
    const broken = memoryStorage(true);
    expect(() => saveLobbySession({ token: 't', pin: null }, broken)).not.toThrow();
    expect(readLobbySession(broken)).toBeNull();
  });
});
