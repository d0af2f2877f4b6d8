// A plain bonjour-service browser for `_ricochet._tcp`, to check what hosts really announce.
// Prints one JSON line per event: {"ev":"up"|"txt-update"|"down","name","port","txt"}.
// Runs INSIDE a laptop namespace.
import { Bonjour } from 'bonjour-service';

const bonjour = new Bonjour({}, (error) => process.stderr.write(`mdns-browse: ${error}\n`));
const browser = bonjour.find({ type: 'ricochet' });
const out = (ev) => (s) => process.stdout.write(`${JSON.stringify({ ev, name: s.name, port: s.port, txt: s.txt })}\n`);
browser.on('up', out('up'));
browser.on('txt-update', out('txt-update'));
browser.on('down', out('down'));
setInterval(() => browser.update(), 1000);
