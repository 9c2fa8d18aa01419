// ESLint for kbgen's browser JavaScript, run by tests/test_js_lint.py as
// `npx eslint theme/assets kbgen/publishing/serve_assets` (install with `bash .ci/setup`).
'use strict';

const js = require('@eslint/js');
const globals = require('globals');

const WORKER = 'theme/assets/search/kb-search-worker.js';
// Loaded by the worker (importScripts) and by node in tests/search (require).
const CORE = 'theme/assets/search/kb-search-core.js';

// One modern style: ES2015+ declarations and functions, strict equality, braces on every block. Layout rules
// (quotes, semicolons, line length) are deprecated in ESLint's core, so they are left out.
const style = {
  'arrow-body-style': ['error', 'as-needed'],
  curly: ['error', 'all'],
  eqeqeq: ['error', 'always'],
  // Page scripts share one global scope: a stray top-level name leaks, and a repeated `const` throws.
  'no-implicit-globals': ['error', { lexicalBindings: true }],
  'no-var': 'error',
  'object-shorthand': 'error',
  'prefer-arrow-callback': 'error',
  'prefer-const': 'error',
  'prefer-template': 'error',
};

module.exports = [
  {
    // Copies of mkdocs-material's inline scripts, minified as material ships them: they stay byte-comparable
    // with material's originals (only template values moved to data- attributes), so they are not restyled.
    ignores: ['theme/assets/kb-md-*.js'],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      // ES2020: every browser with DecompressionStream, which the search worker needs, runs it.
      ecmaVersion: 2020,
      sourceType: 'script',
    },
    rules: style,
  },
  {
    // Page scripts; globals merge across blocks, so the worker's files must not get the page's `document`.
    files: ['**/*.js'],
    ignores: [WORKER, CORE],
    languageOptions: { globals: globals.browser },
  },
  {
    files: [WORKER],
    languageOptions: { globals: globals.worker },
    rules: { 'no-implicit-globals': 'off' }, // a worker's global scope is its own
  },
  {
    files: [CORE],
    languageOptions: { globals: { ...globals.worker, ...globals.node } },
    rules: { 'no-implicit-globals': 'off' }, // runs inside the worker's scope or a node module
  },
];
