/**
 * What the page derives from where it was loaded: its build id and the PeerJS server address.
 *
 * Build id: vite names the built entry script after a hash of the whole build
 * (`./assets/index-<hash>.js`), and the host reads the same name from `dist/index.html`. Equal ids
 * mean the page runs the host's current build; a page from an older build is told to reload.
 * Under `npm run dev` the entry is `/game/main.ts`, which gives `dev`.
 */
import type { PeerServerParams } from './messages.js';

/** The build id of an entry script path: its file name without extension, or `dev` for sources. */
export function buildIdFromScriptSrc(src: string | null | undefined): string {
  if (!src) return 'dev';
  const file = src.split(/[?#]/)[0]?.split('/').pop() ?? '';
  if (file === '' || file.endsWith('.ts')) return 'dev';
  return file.replace(/\.m?js$/, '');
}

/** This page's build id (see the file header). `dev` outside a browser. */
export function pageBuildId(): string {
  if (typeof document === 'undefined') return 'dev';
  const script = document.querySelector('script[type="module"][src]');
  return buildIdFromScriptSrc(script?.getAttribute('src'));
}

/**
 * The PeerJS server params as the page must use them: host, port and scheme from the origin the
 * page reached the host by (the host cannot know which of its addresses that was), path and key
 * from the host.
 */
export function resolvePeerServer(origin: string, fromHost: PeerServerParams): PeerServerParams {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return fromHost;
  }
  const secure = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  return { ...fromHost, host: url.hostname, port, secure };
}
