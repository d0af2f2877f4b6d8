/** Open the host's page in the default browser, best effort: failing quietly is fine. */
import { spawn } from 'node:child_process';

/** The opener command of each platform. */
function opener(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Try to open `url`; never throws, never waits. */
export function openBrowser(url: string): void {
  try {
    const [cmd, args] = opener(url);
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser on this machine (a server, a container): the printed URL is enough.
  }
}
