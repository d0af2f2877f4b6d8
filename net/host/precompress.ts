/**
 * Precompressed copies of the build's text files: `x.js.gz` (gzip, level 9) and `x.js.br`
 * (brotli, quality 11) beside each `x.js`, made once at build time so the host answers with the
 * smallest bytes at no cost per request (static-files.ts picks one by Accept-Encoding). The Phaser
 * chunk goes from about 1.37 MB to about a quarter of that, which is what a phone on Wi-Fi waits for.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

/** The extensions worth compressing: text. Images and sounds here are compressed already or tiny. */
const TEXT = /\.(html|js|mjs|css|svg|json|txt|map|webmanifest)$/;
/** Below this, the headers outweigh the saving. */
const MIN_BYTES = 256;

/** The sizes of one compressed file, for the build log and the README. */
export interface CompressedSizes {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Compress one file both ways (on libuv's thread pool, so the files and the two codecs run in parallel). */
async function compressFile(dir: string, path: string): Promise<CompressedSizes | null> {
  const raw = await readFile(path);
  if (raw.length < MIN_BYTES) return null;
  const [gz, br] = await Promise.all([
    gzipAsync(raw, { level: 9 }),
    brotliAsync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
    }),
  ]);
  await Promise.all([writeFile(`${path}.gz`, gz), writeFile(`${path}.br`, br)]);
  return { file: relative(dir, path).replace(/\\/g, '/'), raw: raw.length, gzip: gz.length, brotli: br.length };
}

/** Write the `.gz` and `.br` of every text file under `dir` (a fresh build); returns their sizes. */
export async function precompressDir(dir: string): Promise<CompressedSizes[]> {
  const done = await Promise.all(filesUnder(dir).filter((path) => TEXT.test(path)).map((path) => compressFile(dir, path)));
  return done.filter((s): s is CompressedSizes => s !== null);
}

const kB = (n: number): string => `${(n / 1000).toFixed(1)} kB`;

/** The vite plugin: precompress the output directory once the bundle is written. */
export function precompressPlugin(): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'ricochet-precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      if (!config) return;
      const sizes = await precompressDir(resolve(config.root, config.build.outDir));
      for (const s of sizes.filter((x) => x.raw > 50_000)) {
        config.logger.info(`  precompressed ${s.file}: ${kB(s.raw)}, gzip ${kB(s.gzip)}, brotli ${kB(s.brotli)}`);
      }
    },
  };
}
