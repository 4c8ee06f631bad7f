// @ts-check
// ESLint flat config for the whole repository (`npm run lint` = `eslint .`).
const eslint = require('@eslint/js');
const { defineConfig } = require('eslint/config');
const tseslint = require('typescript-eslint');
const angular = require('angular-eslint');
const globals = require('globals');

module.exports = defineConfig([
  {
    ignores: ['dist/', 'out-tsc/', '.angular/', 'node_modules/', 'coverage/', '.test-results/', 'e2e/artifacts/', 'tmp/'],
  },
  // Plain JavaScript: config files and scripts run by Node.
  {
    files: ['**/*.{js,cjs}'],
    extends: [eslint.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    extends: [eslint.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  // All TypeScript: the library, its testing entry point and the demo.
  {
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommended, tseslint.configs.stylistic],
    rules: {
      // `...args: any[]` (constructor and function type bounds) is the one accepted use.
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
    },
  },
  // The library's own sources may need `any` in a few type positions: warn there, don't fail.
  {
    files: ['projects/rxjs-taskgroup/src/lib/**/*.ts', 'projects/rxjs-taskgroup/testing/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': ['warn', { ignoreRestArgs: true }],
    },
  },
  // The Angular demo application.
  {
    files: ['src/**/*.ts'],
    extends: [angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
    },
  },
  {
    files: ['src/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },
]);
