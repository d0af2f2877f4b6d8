/**
 * Where Chromium is on this machine, for the browser and LAN tests: `CHROMIUM_PATH` if set, else
 * the first of the usual install paths (Debian/Ubuntu, Google's packages, snap, macOS). When none
 * is there, one line says what to install, rather than playwright's long "executable not found".
 */
import { accessSync, constants } from 'node:fs';

/** The places Chromium (or Chrome) is installed by the usual packages, in the order tried. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Whether `path` is an executable file. */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable to launch; throws one readable line when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = isExecutable): string {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (exists(chosen)) return chosen;
    throw new Error(`CHROMIUM_PATH is ${chosen}, but there is no executable there: fix it, or unset it to use an installed Chromium.`);
  }
  const found = CHROMIUM_CANDIDATES.find((path) => exists(path));
  if (found) return found;
  throw new Error('No Chromium found: install it (apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.');
}
