/**
 * The real build from a real host (on 127.0.0.1, no discovery) in Chromium: the page loads from
 * the precompressed copies (brotli, which Chromium asks for), hashed chunks are cached for a year,
 * index.html is revalidated, and the page still reaches its lobby with no console error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startHostRig, type HostRig } from './harness';

describe('the host serving the build', () => {
  let rig: HostRig;
  beforeAll(async () => {
    rig = await startHostRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('sends brotli copies with long caching for hashed chunks, and the page works', async () => {
    expect(existsSync(join(rig.dir, 'index.html.br')), 'the build wrote brotli copies').toBe(true);
    const { page, errors } = await openPage(rig.browser, 'about:blank');
    const answers: Response[] = [];
    page.on('response', (r) => answers.push(r));
    await page.goto(`${rig.host.base}/?name=Ada`);
    await page.waitForFunction(() => (window as unknown as { ricochet?: { lobby(): { status: string } | null } }).ricochet?.lobby()?.status === 'open', undefined, { timeout: 60_000 });
    const find = (re: RegExp): Response => {
      const found = answers.find((r) => re.test(new URL(r.url()).pathname));
      if (!found) throw new Error(`no response for ${re}: ${answers.map((r) => r.url()).join(', ')}`);
      return found;
    };
    const phaser = await find(/\/assets\/phaser-[^/]+\.js$/).allHeaders();
    expect(phaser['content-encoding']).toBe('br');
    expect(phaser['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(phaser.vary).toMatch(/Accept-Encoding/i);
    const html = await find(/^\/$/).allHeaders();
    expect(html['content-encoding']).toBe('br');
    expect(html['cache-control']).toBe('no-cache');
    expect(html['content-type']).toMatch(/^text\/html/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
