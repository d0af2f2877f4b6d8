/**
 * `npm start`: the Ricochet host. Parses the flags, starts the host, prints the banner, and on
 * SIGINT/SIGTERM says goodbye on mDNS and exits 0 within 2 s (a stuck close is cut short).
 */
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '../protocol/index.js';
import { parseArgs, USAGE } from './args.js';
import { bannerText } from './banner.js';
import { DistError } from './dist-build.js';
import { HostStartError, startHost, type HostEvent, type RunningHost } from './host.js';
import { openBrowser } from './open-browser.js';

/** Give up on a clean close after this long, so Ctrl+C always ends the process quickly. */
const EXIT_DEADLINE_MS = 1500;

const say = (event: HostEvent): void => {
  if (event.kind === 'warning') console.warn(`  ! ${event.text}`);
  else console.log(`  ${event.text}`);
};

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}

/**
 * Ctrl+C at any time ends the process with exit 0: during the start-up (a build can take a while)
 * at once, afterwards once the host has said goodbye (or after EXIT_DEADLINE_MS at the latest).
 */
function onSignals(running: () => RunningHost | null): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const host = running();
    if (!host) process.exit(0);
    console.log(`\n  ${signal}: stopping the host and saying goodbye on the network...`);
    setTimeout(() => process.exit(0), EXIT_DEADLINE_MS).unref();
    host
      .close()
      .catch(() => undefined)
      .finally(() => {
        console.log('  Bye.');
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), currentUser());
  if (parsed.kind === 'help') {
    console.log(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    console.error(`Ricochet host: ${parsed.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let host: RunningHost | null = null;
  onSignals(() => host);
  try {
    host = await startHost({ config: parsed.config, root, protocolVersion: PROTOCOL_VERSION, say });
  } catch (error) {
    if (error instanceof HostStartError || error instanceof DistError) {
      console.error(`Ricochet host: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const discoveryOn = host.discovery?.on === true;
  // The PIN is shown here, to the person at the host, and rides in the URLs and the QR code.
  const { inviteUrls: urls, localOnly, loopback, localUrl } = host;
  console.log(await bannerText({ matchName: host.matchName(), urls, localOnly, loopback, localUrl, discoveryOn, pin: parsed.config.pin }));
  if (parsed.config.open && host.inviteUrls[0]) openBrowser(host.inviteUrls[0]);
}

void main();
