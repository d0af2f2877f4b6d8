import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer lint rule lets net/lockstep import net/protocol's index, which serves both protocols;
// this pins the finer rule that the engine never touches the handshake's names.
const root = join(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The names net/lockstep's files import from net/protocol. */
function protocolNamesImportedBy(folder: string): string[] {
  return readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...read(`${folder}/${f}`).matchAll(/^import\b([^;]*?)from '\.\.\/protocol[^']*'/gms)])
    .flatMap((m) => (m[1] ?? '').replace(/[{}]|\btype\b|\*\s+as/g, ' ').split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!.trim()))
    .filter(Boolean);
}

const exportsOf = (path: string): string[] => [...read(path).matchAll(/^export (?:const|function|interface|type) (\w+)/gm)].map((m) => m[1]!);

describe('protocol boundaries', () => {
  it('net/lockstep imports engine-protocol names only, never one of the handshake', () => {
    const used = protocolNamesImportedBy('net/lockstep');
    expect(used).toContain('decodeEngine');
    const handshake = [...exportsOf('net/protocol/handshake-messages.ts'), ...exportsOf('net/protocol/handshake-codec.ts')];
    expect(handshake).toContain('decodeHandshake');
    expect(used.filter((name) => handshake.includes(name))).toEqual([]);
  });
});
