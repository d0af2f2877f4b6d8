import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressDir } from '../../../net/host/precompress.js';

describe('precompressing the build', () => {
  it('writes a .br and a .gz beside each text file that round-trip, and leaves binaries and tiny files alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
    mkdirSync(join(dir, 'assets', 'gen'), { recursive: true });
    const js = `export const words = ${JSON.stringify('ricochet tank maze '.repeat(500))};`;
    writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), js);
    writeFileSync(join(dir, 'index.html'), `<!doctype html>${'<p>x</p>'.repeat(100)}`);
    writeFileSync(join(dir, 'assets', 'gen', 'floor.png'), Buffer.alloc(4000, 7));
    writeFileSync(join(dir, 'tiny.css'), 'a{}');
    const sizes = await precompressDir(dir);
    expect(sizes.map((s) => s.file).sort()).toEqual(['assets/index-AbCd1234.js', 'index.html']);
    const main = join(dir, 'assets', 'index-AbCd1234.js');
    expect(brotliDecompressSync(readFileSync(`${main}.br`)).toString()).toBe(js);
    expect(gunzipSync(readFileSync(`${main}.gz`)).toString()).toBe(js);
    const mainSizes = sizes.find((s) => s.file.endsWith('.js'))!;
    expect(mainSizes.raw).toBe(js.length);
    expect(mainSizes.brotli).toBeLessThan(mainSizes.gzip);
    expect(mainSizes.gzip).toBeLessThan(mainSizes.raw / 10);
    expect(existsSync(join(dir, 'assets', 'gen', 'floor.png.br'))).toBe(false);
    expect(existsSync(join(dir, 'tiny.css.gz'))).toBe(false);
  });
});
