/** The start-up banner: the match name, every LAN URL, the localhost URL, and a QR code of the main one. */
import QRCode from 'qrcode';

/** What the banner shows. */
export interface BannerInfo {
  readonly matchName: string;
  readonly urls: readonly string[];
  readonly localOnly: boolean;
  readonly discoveryOn: boolean;
  /** The match PIN, if any (the URLs already carry it). */
  readonly pin?: string | null;
  /** `--interface 127.x.x.x`: this machine only, never announced. */
  readonly loopback?: boolean;
  /** The URL for a browser on this machine (http://localhost:PORT/), if it reaches the host. */
  readonly localUrl?: string | null;
}

/** The lines that say where to join. */
function joinLines(info: BannerInfo): string[] {
  const [main, ...others] = info.urls;
  const lines: string[] = [];
  if (info.loopback) {
    lines.push('  Served on this computer only (loopback only: not announced on the LAN):');
    lines.push(`  Join at ${main}`);
  } else if (info.localOnly) {
    lines.push('  No network connection was found, so the match is served on this computer only:');
    lines.push(`  Join at ${main}`);
    lines.push('  (Connect to a Wi-Fi or LAN and restart the host to let friends join.)');
  } else {
    lines.push('  Players on the same network join at:');
    lines.push(`  Join at ${main}`);
    for (const url of others) lines.push(`       or ${url}`);
  }
  if (info.localUrl) lines.push(`  In a browser on this computer: ${info.localUrl}`);
  return lines;
}

/** The banner text (with the terminal QR code). */
export async function bannerText(info: BannerInfo): Promise<string> {
  const main = info.urls[0];
  const lines = ['', `  Ricochet is hosting "${info.matchName}"`, ''];
  if (info.pin) lines.push(`  PIN: ${info.pin} (players need it to join; the links below carry it)`, '');
  lines.push(...joinLines(info));
  // A phone cannot reach a loopback address: no QR code to scan.
  if (main && !info.loopback) {
    const qr = await QRCode.toString(main, { type: 'terminal', small: true });
    lines.push('', ...qr.trimEnd().split('\n').map((l) => `  ${l}`), '  Scan it with a phone on the same Wi-Fi.');
  }
  lines.push('');
  if (!info.localOnly && !info.loopback) {
    lines.push(info.discoveryOn ? '  Other Ricochet hosts on this network list this match too.' : '  LAN discovery is off: share the URL or the QR code.');
  }
  lines.push('  Press Ctrl+C to stop the host. A match already running goes on without it.', '');
  return lines.join('\n');
}
