import { describe, expect, it } from 'vitest';
import { CHROMIUM_CANDIDATES, findChromium } from '../../harness/find-chromium.js';

const only = (...present: string[]) => (path: string): boolean => present.includes(path);

describe('finding Chromium', () => {
  it('takes CHROMIUM_PATH first, when something is there', () => {
    expect(findChromium({ CHROMIUM_PATH: '/home/me/chrome' }, only('/home/me/chrome', '/usr/bin/chromium'))).toBe('/home/me/chrome');
  });

  it('says so when CHROMIUM_PATH names nothing, rather than quietly using another browser', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nope/chrome' }, only('/usr/bin/chromium'))).toThrow(/^CHROMIUM_PATH is \/nope\/chrome, but there is no executable there/);
  });

  it('tries Debian, Ubuntu, Google, snap and macOS paths, in that order', () => {
    expect(findChromium({}, only('/usr/bin/chromium', '/usr/bin/google-chrome'))).toBe('/usr/bin/chromium');
    expect(findChromium({}, only('/usr/bin/chromium-browser', '/snap/bin/chromium'))).toBe('/usr/bin/chromium-browser');
    expect(findChromium({}, only('/opt/google/chrome/chrome'))).toBe('/opt/google/chrome/chrome');
    expect(findChromium({}, only('/snap/bin/chromium'))).toBe('/snap/bin/chromium');
    expect(findChromium({}, only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'))).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    for (const path of CHROMIUM_CANDIDATES) expect(findChromium({ CHROMIUM_PATH: '' }, only(path))).toBe(path);
  });

  it('fails with one line saying what to install when there is none', () => {
    let message = '';
    try {
      findChromium({}, () => false);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('No Chromium found: install it (apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.');
    expect(message).not.toContain('\n');
  });
});
