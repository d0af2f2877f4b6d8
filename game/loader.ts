/**
 * The page's first module, kept tiny: it downloads the big script chunks (Phaser is ~1.4 MB raw)
 * with progress on the HTML title screen, then imports the game (game/main.ts), whose module
 * loads then come from the HTTP cache (the host serves them `immutable`).
 *
 * Which chunks, and their sizes, the build writes into index.html (`<meta name="ricochet-chunks">`,
 * see vite.config.ts). Those are the decoded sizes, which is what a fetch body stream yields even
 * when the host sends the file compressed; so Content-Length (maybe of the compressed body) is only
 * a fallback, and the bar is clamped so that it never shows more than 100 %. Under `vite` (dev)
 * there is no list: the game is imported at once.
 */
import { CHUNK_SHARE, showTitleFailure, showTitleProgress } from './ui/title-screen';

/** One chunk to fetch, with its expected size in bytes (0: unknown). */
interface Chunk {
  readonly url: string;
  readonly bytes: number;
}

/** A guess for a chunk whose size the build did not write: about Phaser's. */
const UNKNOWN_CHUNK_BYTES = 1_400_000;

/** The build's chunk list: `url bytes` pairs, comma-separated. */
function readChunkList(doc: Document): Chunk[] {
  const content = doc.querySelector('meta[name="ricochet-chunks"]')?.getAttribute('content') ?? '';
  return content
    .split(',')
    .map((pair) => pair.trim().split(/\s+/))
    .filter(([url]) => !!url)
    .map(([url, bytes]) => ({ url: url ?? '', bytes: Number(bytes) || 0 }));
}

/** The bytes to expect: the build's figure, else an uncompressed Content-Length, else a guess. */
function expectedBytes(chunk: Chunk, res: Response): number {
  if (chunk.bytes > 0) return chunk.bytes;
  const length = Number(res.headers.get('content-length'));
  return length > 0 && !res.headers.get('content-encoding') ? length : UNKNOWN_CHUNK_BYTES;
}

/** Reads one chunk's body to the end, reporting each piece's size. Network trouble is not thrown. */
async function fetchChunk(chunk: Chunk, onBytes: (bytes: number) => void, onSize: (bytes: number) => void): Promise<void> {
  try {
    const res = await fetch(chunk.url);
    onSize(expectedBytes(chunk, res));
    if (!res.ok || !res.body) return; // the import below reports what is wrong
    const reader = res.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) onBytes(part.value.byteLength);
  } catch {
    // Offline or refused: the import below fails too, and says so.
  }
}

/** Downloads every chunk at once, with the bar following the bytes. */
async function fetchChunks(chunks: readonly Chunk[]): Promise<void> {
  const sizes = chunks.map((c) => c.bytes || UNKNOWN_CHUNK_BYTES);
  let loaded = 0;
  const update = (): void => {
    const total = sizes.reduce((a, b) => a + b, 0);
    const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
    showTitleProgress(CHUNK_SHARE * Math.min(1, loaded / Math.max(1, total)), `Loading the game… ${mb(Math.min(loaded, total))} of ${mb(total)} MB`);
  };
  await Promise.all(
    chunks.map((chunk, i) =>
      fetchChunk(
        chunk,
        (bytes) => ((loaded += bytes), update()),
        (bytes) => ((sizes[i] = bytes), update()),
      ),
    ),
  );
}

async function loadGame(): Promise<void> {
  await fetchChunks(readChunkList(document));
  showTitleProgress(CHUNK_SHARE, 'Starting…');
  try {
    await import('./main');
  } catch (error) {
    showTitleFailure(`The game could not load (${error instanceof Error ? error.message : String(error)}). Check the connection and reload the page.`);
  }
}

void loadGame();
