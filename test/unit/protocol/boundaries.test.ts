import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
/** The module specifiers imported by each .ts file of `folder`. */
function importsOf(folder: string): [string, string][] {
  return readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(root, folder, f), 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from '([^']+)'/gms)].map((m) => [f, m[1] as string] as [string, string]));
}

describe('protocol boundaries', () => {
  it('net/lockstep imports only the engine protocol and the shared wire format, never the handshake', () => {
    const protocol = importsOf('net/lockstep').filter(([, spec]) => spec.includes('protocol'));
    expect(protocol.length).toBeGreaterThan(0);
    for (const [file, spec] of protocol) {
      expect(`${file}: ${spec}`).toMatch(/: \.\.\/protocol\/(engine-messages|engine-codec|wire-format)$/);
    }
  });

  it('net/protocol imports nothing outside itself', () => {
    for (const [file, spec] of importsOf('net/protocol')) expect(`${file}: ${spec}`).toMatch(/: \.\/[a-z-]+$/);
  });
});
