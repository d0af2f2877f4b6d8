import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Determinism is sacred: anything that could differ between two machines, or between two runs,
// is banned from game/sim. Exported so test/unit/sim-purity-lint.test.ts can check the rule
// itself catches what it must.
const engineDependentMath = ['random', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sqrt', 'cbrt',
  'hypot', 'pow', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sinh', 'cosh', 'tanh', 'fround'];

export const simPurityRules = {
  'no-restricted-properties': [
    'error',
    ...engineDependentMath.map((property) => ({
      object: 'Math',
      property,
      message: `Math.${property} is non-deterministic or engine-dependent: game/sim uses integer math and the PRNG in its state.`,
    })),
  ],
  'no-restricted-globals': [
    'error',
    ...['Date', 'performance', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate',
      'queueMicrotask', 'requestAnimationFrame', 'window', 'document', 'navigator', 'globalThis', 'self',
      'process', 'crypto', 'fetch', 'Promise', 'WeakMap', 'WeakRef', 'Intl', 'localStorage'].map((name) => ({
      name,
      message: `${name} is I/O, time or engine state: game/sim must be a pure function of its inputs.`,
    })),
  ],
  'no-restricted-syntax': [
    'error',
    { selector: 'FunctionDeclaration[async=true], ArrowFunctionExpression[async=true], FunctionExpression[async=true]', message: 'game/sim is synchronous.' },
    { selector: 'AwaitExpression', message: 'game/sim is synchronous.' },
  ],
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { regex: '^(?!immer$|\\./|\\.\\./(?!\\.\\.)).*', message: 'game/sim imports nothing outside itself but immer.' },
      ],
    },
  ],
};

/**
 * The layers of the product and what each may import (DESIGN.md, "Where things live"). A layer is
 * a folder (or a file); `uses` names the other layers it may import, always through their `entry`
 * (their index), so a layer's insides can change without touching its users; `packages` names the
 * npm packages it may import ('node:*' for Node's built-ins). The game client (app, scenes, view,
 * ui, input, audio, main.ts) is one layer: its folders only sort its files. Nothing in the product
 * imports test/. Exported so test/unit/lint/layers.test.ts can plant a violation of each rule.
 */
export const LAYERS = [
  { name: 'net/protocol', paths: ['net/protocol/'], uses: [], packages: [] },
  { name: 'net/lockstep', paths: ['net/lockstep/'], uses: ['net/protocol'], packages: [] },
  { name: 'net/lobby', paths: ['net/lobby/'], uses: ['net/protocol'], packages: [] },
  { name: 'net/relay', paths: ['net/relay/'], uses: ['net/protocol', 'net/lockstep'], packages: [] },
  { name: 'net/mesh', paths: ['net/mesh/'], uses: ['net/protocol', 'net/lockstep', 'net/lobby', 'net/relay'], packages: ['peerjs'] },
  { name: 'net/spectate', paths: ['net/spectate/'], uses: ['net/protocol', 'net/lockstep'], packages: [] },
  { name: 'net/host', paths: ['net/host/'], uses: ['net/protocol', 'net/lobby'],
    packages: ['node:*', 'express', 'peer', 'ws', 'bonjour-service', 'qrcode', 'vite'] },
  { name: 'game/sim', paths: ['game/sim/'], uses: [], packages: ['immer'] },
  { name: 'game/bots', paths: ['game/bots/'], uses: ['game/sim'], packages: [] },
  { name: 'assets', paths: ['assets/'], entry: 'assets/manifest', uses: [], packages: ['node:*'] },
  { name: 'game/sim-cli', paths: ['game/sim-cli.ts'], uses: ['game/sim', 'game/bots'], packages: ['node:*'] },
  { name: 'game client', paths: ['game/'], entry: null,
    uses: ['game/sim', 'game/bots', 'assets', 'net/protocol', 'net/lockstep', 'net/lobby', 'net/mesh', 'net/spectate'],
    packages: ['phaser', 'immer'] },
];

const layerOf = (path) => LAYERS.find((l) => l.paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)));
const packageOf = (spec) => (builtinModules.includes(spec.replace(/^node:/, '').split('/')[0]) ? 'node:*'
  : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));

/** Checks one import specifier of a product file (a path from `root`) against LAYERS: a message, or null. */
export function layerViolation(fromPath, spec, root = process.cwd()) {
  const from = layerOf(fromPath);
  if (!from) return null;
  if (!spec.startsWith('.')) {
    const pkg = packageOf(spec);
    return from.packages.includes(pkg) ? null : `${from.name} may not import '${spec}' (allowed packages: ${from.packages.join(', ') || 'none'}).`;
  }
  const target = relative(root, resolve(root, dirname(fromPath), spec)).replace(/\\/g, '/').replace(/\.(ts|js)$/, '');
  if (target.startsWith('test/') || target === 'test') return `the product never imports test/ ('${spec}').`;
  const to = layerOf(existsSync(resolve(root, `${target}.ts`)) ? `${target}.ts` : `${target}/index.ts`);
  if (!to || to === from) return null;
  if (!from.uses.includes(to.name)) return `${from.name} may not import ${to.name} ('${spec}'): it uses only ${from.uses.join(', ') || 'itself'}.`;
  const entry = to.entry ?? `${to.paths[0]}index`;
  if (to.entry !== null && target !== entry && `${target}/index` !== entry) return `import ${to.name} through its index (${entry}), not '${spec}'.`;
  return null;
}

const layersRule = {
  meta: { type: 'problem', docs: { description: 'imports follow the layers of DESIGN.md' }, schema: [] },
  create(context) {
    const fromPath = relative(context.cwd, context.filename).replace(/\\/g, '/');
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const message = layerViolation(fromPath, node.source.value, context.cwd);
      if (message) context.report({ node: node.source, message });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

// The page keeps no state at module level (it all hangs off the page context made in
// game/main.ts), so two matches or two tests in one page never share it by accident.
const moduleState = [
  { selector: 'Program > VariableDeclaration[kind!="const"]', message: 'No module-level mutable state in game/: keep it in the page context (game/app/page-context.ts).' },
  { selector: 'Program > ExportNamedDeclaration > VariableDeclaration[kind!="const"]', message: 'No module-level mutable state in game/: keep it in the page context (game/app/page-context.ts).' },
];

export const gameRules = {
  'no-restricted-syntax': ['error', ...moduleState],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', window: 'readonly', document: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        performance: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly', navigator: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['game/**/*.ts'],
    rules: gameRules,
  },
  {
    files: ['game/sim/**/*.ts'],
    ignores: ['game/sim/**/*.test.ts'],
    // Flat config replaces a rule's options rather than merging them: the sim keeps both lists.
    rules: { ...simPurityRules, 'no-restricted-syntax': [...simPurityRules['no-restricted-syntax'], ...moduleState] },
  },
  {
    files: ['game/**/*.ts', 'net/**/*.ts', 'assets/**/*.ts'],
    plugins: { ricochet: { rules: { layers: layersRule } } },
    rules: {
      'ricochet/layers': 'error',
      // Long functions hide state machines, long files hide several jobs: split them (STYLE.md
      // aims at 40 lines a function and 300 a file).
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
);
