import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule of eslint.config.js ('ricochet/layers'), checked through ESLint's own API on
// imports planted as if they lived in each layer: every boundary of DESIGN.md must be caught, and a
// legal import must pass, so the rule can neither be dead nor cry wolf.
const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'ricochet/layers' || m.fatal).map((m) => m.message);
}

const importOf = (spec: string): string => `import * as planted from '${spec}';\nexport const x = planted;\n`;

describe('the layer lint rule', () => {
  const violations: [string, string, string, RegExp][] = [
    ['net/protocol imports net/lockstep', 'net/protocol/planted.ts', '../lockstep', /net\/protocol may not import net\/lockstep/],
    ['net/protocol imports a package', 'net/protocol/planted.ts', 'immer', /net\/protocol may not import 'immer'/],
    ['net/lockstep imports net/mesh', 'net/lockstep/planted.ts', '../mesh', /net\/lockstep may not import net\/mesh/],
    ['net/lockstep imports game/sim', 'net/lockstep/planted.ts', '../../game/sim', /net\/lockstep may not import game\/sim/],
    ['net/mesh imports game/', 'net/mesh/planted.ts', '../../game/sim', /net\/mesh may not import game\/sim/],
    ['net/mesh imports test/', 'net/mesh/planted.ts', '../../test/harness/virtual-clock', /never imports test\//],
    ['net/mesh imports node:*', 'net/mesh/planted.ts', 'node:fs', /net\/mesh may not import 'node:fs'/],
    ['net/lobby imports game/', 'net/lobby/planted.ts', '../../game/app/params', /net\/lobby may not import game client/],
    ['net/lobby imports node:*', 'net/lobby/planted.ts', 'node:http', /net\/lobby may not import 'node:http'/],
    ['net/lobby imports a bare built-in', 'net/lobby/planted.ts', 'fs', /net\/lobby may not import 'fs'/],
    ['game/ imports net/host', 'game/app/planted.ts', '../../net/host/args', /game client may not import net\/host/],
    ['game/ imports node:*', 'game/scenes/planted.ts', 'node:os', /game client may not import 'node:os'/],
    ['game/ imports test/', 'game/app/planted.ts', '../../test/fixtures/sim-states', /never imports test\//],
    ['a deep import past a layer index', 'game/app/planted.ts', '../../net/lockstep/input-buffer', /through its index \(net\/lockstep\/index\)/],
    ['game/bots imports the client', 'game/bots/planted.ts', '../view/colour', /game\/bots may not import game client/],
  ];

  for (const [what, file, spec, message] of violations) {
    it(`catches ${what}`, async () => {
      expect(await layerErrors(file, importOf(spec))).toEqual([expect.stringMatching(message)]);
    });
  }

  const legal: [string, string, string][] = [
    ['net/lockstep imports net/protocol through its index', 'net/lockstep/planted.ts', '../protocol'],
    ['net/mesh imports peerjs', 'net/mesh/planted.ts', 'peerjs'],
    ['net/host imports node:http', 'net/host/planted.ts', 'node:http'],
    ['the client imports the sim through its index', 'game/scenes/planted.ts', '../sim'],
    ['the client imports another client folder directly', 'game/scenes/planted.ts', '../view/colour'],
    ['a layer imports its own files', 'net/mesh/planted.ts', './mesh-clock'],
  ];
  for (const [what, file, spec] of legal) {
    it(`lets through: ${what}`, async () => {
      expect(await layerErrors(file, importOf(spec))).toEqual([]);
    });
  }

  it('finds the real product tree clean', async () => {
    const results = await eslint.lintFiles(['game/**/*.ts', 'net/**/*.ts', 'assets/**/*.ts']);
    expect(results.length).toBeGreaterThan(100);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'ricochet/layers').map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(problems).toEqual([]);
  });
});

/** Every folder of the product and the other folders its files import from (relative imports). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        for (const [, spec] of readFileSync(join(root, path), 'utf8').matchAll(/from '(\.[^']*)'/g)) {
          const target = relative(root, resolve(root, dir, spec!));
          const folder = statSync(join(root, target), { throwIfNoEntry: false })?.isDirectory() ? target : dirname(target);
          if (folder !== dir) graph.set(dir, (graph.get(dir) ?? new Set()).add(folder));
        }
      }
    }
  };
  walk('game');
  walk('net');
  return graph;
}

describe('the import graph between folders', () => {
  it('has no cycle', () => {
    const graph = folderGraph();
    expect(graph.get('game/app')).toContain('net/mesh');
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]): void => {
      for (const next of graph.get(folder) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else visit(next, [...path, next]);
      }
    };
    for (const folder of graph.keys()) visit(folder, [folder]);
    expect(cycles).toEqual([]);
  });
});
