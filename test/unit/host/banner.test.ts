import { describe, expect, it } from 'vitest';
import { bannerText } from '../../../net/host/banner.js';

describe('the start-up banner', () => {
  it('names the match, gives every LAN URL with the main one first, and a QR code', async () => {
    const text = await bannerText({ matchName: "Ada's match", urls: ['http://192.168.1.20:8080/', 'http://10.0.0.7:8080/'], localOnly: false, discoveryOn: true });
    expect(text).toContain('Ricochet is hosting "Ada\'s match"');
    expect(text).toMatch(/Join at http:\/\/192\.168\.1\.20:8080\/\n\s+or http:\/\/10\.0\.0\.7:8080\//);
    expect(text).toMatch(/[▀▄█]{5}/);
    expect(text).toContain('Press Ctrl+C');
  });

  it('says so when it serves on this computer only, or without discovery', async () => {
    const local = await bannerText({ matchName: 'M', urls: ['http://127.0.0.1:8080/'], localOnly: true, discoveryOn: false });
    expect(local).toContain('served on this computer only');
    const quiet = await bannerText({ matchName: 'M', urls: ['http://10.0.0.7:8080/'], localOnly: false, discoveryOn: false });
    expect(quiet).toContain('LAN discovery is off: share the URL or the QR code.');
  });

  it('shows the PIN, and the URLs it is given (which carry it)', async () => {
    const text = await bannerText({ matchName: 'M', urls: ['http://10.0.0.7:8080/?pin=4821'], localOnly: false, discoveryOn: true, pin: '4821' });
    expect(text).toContain('PIN: 4821');
    expect(text).toContain('Join at http://10.0.0.7:8080/?pin=4821');
    expect(await bannerText({ matchName: 'M', urls: ['http://10.0.0.7:8080/'], localOnly: false, discoveryOn: true })).not.toContain('PIN');
  });

  it('gives the localhost URL for a browser on this computer, with the PIN when there is one', async () => {
    const text = await bannerText({ matchName: 'M', urls: ['http://10.0.0.7:8080/'], localOnly: false, discoveryOn: true, localUrl: 'http://localhost:8080/' });
    expect(text).toContain('In a browser on this computer: http://localhost:8080/\n');
    expect(text).toContain('Join at http://10.0.0.7:8080/');
    const pinned = await bannerText({ matchName: 'M', urls: ['http://10.0.0.7:8080/?pin=4821'], localOnly: false, discoveryOn: true, pin: '4821', localUrl: 'http://localhost:8080/?pin=4821' });
    expect(pinned).toContain('In a browser on this computer: http://localhost:8080/?pin=4821');
    // Bound to one LAN address, localhost does not reach the host: no such line.
    expect(await bannerText({ matchName: 'M', urls: ['http://10.0.0.7:8080/'], localOnly: false, discoveryOn: true, localUrl: null })).not.toContain('localhost');
  });

  it('on loopback says that the match is not announced, and shows no QR code a phone could not use', async () => {
    const text = await bannerText({ matchName: 'M', urls: ['http://127.0.0.1:8080/'], localOnly: false, loopback: true, discoveryOn: false, localUrl: 'http://localhost:8080/' });
    expect(text).toContain('loopback only: not announced on the LAN');
    expect(text).toContain('Join at http://127.0.0.1:8080/');
    expect(text).toContain('In a browser on this computer: http://localhost:8080/');
    expect(text).not.toMatch(/[▀▄█]{5}/);
    expect(text).not.toContain('LAN discovery is off');
    expect(text).not.toContain('No network connection');
  });
});
