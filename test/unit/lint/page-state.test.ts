import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// game/ keeps no module-level mutable state (it hangs off the page context from game/main.ts):
// the lint rule of eslint.config.js must catch it anywhere in game/, the sim included.
const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('the game/ module-state lint rule', () => {
  for (const file of ['game/app/planted.ts', 'game/scenes/planted.ts', 'game/sim/planted.ts']) {
    it(`catches a module-level let or var in ${file}`, async () => {
      expect(await ruleIdsFor('let a = 0;\nexport const f = (): number => (a += 1);\n', file)).toContain('no-restricted-syntax');
      expect(await ruleIdsFor('export var b = 0;\nexport const g = (): number => (b += 1);\n', file)).toContain('no-restricted-syntax');
    });
  }

  it('lets state live inside a factory', async () => {
    const clean = 'export function createCounter(): () => number {\n  let n = 0;\n  return () => (n += 1);\n}\n';
    expect(await ruleIdsFor(clean, 'game/app/planted.ts')).toEqual([]);
  });

  it('finds the real game/ tree clean', async () => {
    const results = await eslint.lintFiles(['game/**/*.ts']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));
    expect(problems).toEqual([]);
  });
});
