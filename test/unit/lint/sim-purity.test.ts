import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The purity rule of eslint.config.js, checked through ESLint's own API on code planted as if it
// lived in game/sim: the rule must catch each thing that could make peers disagree.
const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, 'game/sim/planted.ts') });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('the game/sim purity lint rule', () => {
  const planted: [string, string, string][] = [
    ['Math.random()', 'export const x = Math.random();\n', 'no-restricted-properties'],
    ['Date.now()', 'export const x = Date.now();\n', 'no-restricted-globals'],
    ['new Date()', 'export const x = new Date();\n', 'no-restricted-globals'],
    ['performance.now()', 'export const x = performance.now();\n', 'no-restricted-globals'],
    ['setTimeout', 'export const x = setTimeout(() => 0, 1);\n', 'no-restricted-globals'],
    ['Math.sin', 'export const x = Math.sin(1);\n', 'no-restricted-properties'],
    ['Math.sqrt', 'export const x = Math.sqrt(2);\n', 'no-restricted-properties'],
    ["an import of 'phaser'", "import Phaser from 'phaser';\nexport const x = Phaser;\n", 'no-restricted-imports'],
    ["an import of 'peerjs'", "import { Peer } from 'peerjs';\nexport const x = Peer;\n", 'no-restricted-imports'],
    ['an import from outside game/sim', "import { x as y } from '../../../net/lockstep/game';\nexport const x = y;\n", 'no-restricted-imports'],
    ['async code', 'export async function f(): Promise<number> { return 1; }\n', 'no-restricted-syntax'],
  ];

  for (const [what, code, rule] of planted) {
    it(`catches ${what} planted in game/sim`, async () => {
      expect(await ruleIdsFor(code)).toContain(rule);
    });
  }

  it('passes clean sim code (integer math, immer, local imports)', async () => {
    const clean = "import { produce } from 'immer';\nimport { sinInt } from './fixed-point';\n"
      + 'export const f = (s: { a: number }) => produce(s, (d) => { d.a = Math.trunc(sinInt(d.a) / 3); });\n';
    expect(await ruleIdsFor(clean)).toEqual([]);
  });

  it('finds the real game/sim tree clean', async () => {
    const results = await eslint.lintFiles(['game/sim/**/*.ts']);
    expect(results.length).toBeGreaterThan(10);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));
    expect(problems).toEqual([]);
  });
});
