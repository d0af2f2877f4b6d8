/** The start-up banner: the match name, every LAN URL, and a QR code of the main one. */
import QRCode from 'qrcode';

/** What the banner shows. */
export interface BannerInfo {
  readonly matchName: string;
  readonly urls: readonly string[];
  readonly localOnly: boolean;
  readonly discoveryOn: boolean;
  /** The match PIN, if any (the URLs already carry it). */
  readonly pin?: string | null;
}

/** The banner text (with the terminal QR code). */
export async function bannerText(info: BannerInfo): Promise<string> {
  const [main, ...others] = info.urls;
  const lines = ['', `  Ricochet is hosting "${info.matchName}"`, ''];
  if (info.pin) lines.push(`  PIN: ${info.pin} (players need it to join; the links below carry it)`, '');
  if (info.localOnly) {
    lines.push('  No network connection was found, so the match is served on this computer only:');
    lines.push(`  Join at ${main}`);
    lines.push('  (Connect to a Wi-Fi or LAN and restart the host to let friends join.)');
  } else {
    lines.push('  Players on the same network join at:');
    lines.push(`  Join at ${main}`);
    for (const url of others) lines.push(`       or ${url}`);
  }
  if (main) {
    const qr = await QRCode.toString(main, { type: 'terminal', small: true });
    lines.push('', ...qr.trimEnd().split('\n').map((l) => `  ${l}`), '  Scan it with a phone on the same Wi-Fi.');
  }
  lines.push('');
  if (!info.localOnly) {
    lines.push(info.discoveryOn ? '  Other Ricochet hosts on this network list this match too.' : '  LAN discovery is off: share the URL or the QR code.');
  }
  lines.push('  Press Ctrl+C to stop the host. A match already running goes on without it.', '');
  return lines.join('\n');
}
