import { describe, expect, test } from 'vitest';
import { PALETTE } from '../../../net/lobby/messages';
import { parseParams } from '../../../game/app/params';
import { loadProfile, saveProfile } from '../../../game/app/profile';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('the profile', () => {
  test('is remembered across visits, and name= in the URL wins', () => {
    const storage = memoryStorage();
    saveProfile({ name: 'Kim', colour: PALETTE[2], bots: 5 }, storage);
    expect(loadProfile(parseParams(''), storage)).toEqual({ name: 'Kim', colour: PALETTE[2], bots: 5 });
    expect(loadProfile(parseParams('?name=Zoe'), storage).name).toBe('Zoe');
  });

  test('takes names by the one name rule, from the URL and from storage, falling back when nothing is left', () => {
    const storage = memoryStorage();
    // 13 emoji: String.slice at 24 code units once left half of the 13th (shown as U+FFFD).
    expect(parseParams(`?name=${encodeURIComponent('😀'.repeat(13))}`).name).toBe('😀'.repeat(8));
    expect(parseParams(`?name=${encodeURIComponent('\u202EAda\u200B  Lovelace')}`).name).toBe('Ada Lovelace');
    expect(parseParams(`?name=${encodeURIComponent('\u202E\u200B')}`).name).toBeNull();
    storage.setItem('ricochet.profile', JSON.stringify({ name: `${'鳥'.repeat(22)}\u0007` }));
    expect(loadProfile(parseParams(''), storage).name).toBe('鳥'.repeat(10));
    storage.setItem('ricochet.profile', JSON.stringify({ name: '\u2066\u2069' }));
    expect(loadProfile(parseParams(''), storage).name).toMatch(/^Player \d\d$/);
  });

  test('falls back to defaults for garbage in storage', () => {
    const storage = memoryStorage();
    storage.setItem('ricochet.profile', '{"colour":"#123456","bots":99');
    const profile = loadProfile(parseParams(''), storage);
    expect(profile.colour).toBe(PALETTE[0]);
    expect(profile.bots).toBe(3);
    expect(profile.name).toMatch(/^Player \d\d$/);
  });
});

describe('the pin page parameter', () => {
  test('takes 4 to 8 digits, and nothing else', () => {
    expect(parseParams('?pin=4821').pin).toBe('4821');
    expect(parseParams('?auto=1&pin=12345678').pin).toBe('12345678');
    for (const bad of ['', '?pin=', '?pin=123', '?pin=12a4', '?pin=123456789']) expect(parseParams(bad).pin).toBeNull();
  });
});
