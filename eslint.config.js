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

// The page keeps no state at module level (it all hangs off the page context made in
// game/main.ts), and its functions and files stay small enough to read at once.
const moduleState = [
  { selector: 'Program > VariableDeclaration[kind!="const"]', message: 'No module-level mutable state in game/: keep it in the page context (game/app/page-context.ts).' },
  { selector: 'Program > ExportNamedDeclaration > VariableDeclaration[kind!="const"]', message: 'No module-level mutable state in game/: keep it in the page context (game/app/page-context.ts).' },
];

export const gameRules = {
  'no-restricted-syntax': ['error', ...moduleState],
  'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
  'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
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
);
