// Lint is where the architecture's arrows are enforced: the folder a file lives in says where it may
// run (common / main / preload / renderer / emulator), and these rules fail the build when an import
// crosses a line. See ARCHITECTURE.md ("Layout") and README.md ("Architecture").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import nounsanitized from 'eslint-plugin-no-unsanitized';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const electronBan = {
  name: 'electron',
  message: 'Only main/electron/ and preload/ may import electron: keep behaviour in electron-free core services.',
};
const awsSdkBan = {
  group: ['@aws-sdk/*', '@smithy/*', 'ssh2', 'ws'],
  message: 'AWS SDKs and network clients belong to main/ core services; the renderer and common/ talk only through the contract.',
};
const nodeBan = nodeBuiltins.map((name) => ({
  name,
  message: 'Node built-ins are not available here: this code must run in the sandboxed renderer and in any runtime.',
}));
const emulatorBan = {
  group: ['**/emulator', '**/emulator/**'],
  message: 'The app must never depend on the emulator: it reaches AWS (or the emulator) only through endpoint overrides.',
};
const mainBan = {
  group: ['**/main/**', '**/preload/**', '**/emulator/**'],
  message: 'The renderer and common/ know only the contract in common/.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'release/**', 'node_modules/**', 'dist/**', 'test/lint-fixtures/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'no-unsanitized': nounsanitized },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': [
        'error',
        // Electron security checklist #2-#4, #6, #8, #9: these switches are never turned off.
        { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration must stay off.' },
        { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'contextIsolation must stay on.' },
        { selector: "Property[key.name='sandbox'][value.value=false]", message: 'The renderer sandbox must stay on.' },
        { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity must stay on.' },
        { selector: "Property[key.name='allowRunningInsecureContent'][value.value=true]", message: 'Insecure content is never allowed.' },
        { selector: "Property[key.name='experimentalFeatures'][value.value=true]", message: 'No experimental Chromium features.' },
        { selector: "Property[key.name='webviewTag'][value.value=true]", message: 'No <webview>.' },
        // HTML sinks (#11): text goes in as text. innerHTML / outerHTML / insertAdjacentHTML /
        // document.write with anything but a literal are no-unsanitized's (below); these have no
        // sanitised form at all.
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML (dangerouslySetInnerHTML).' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML (dangerouslySetInnerHTML).' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'document.write replaces the page with HTML: build DOM nodes instead.' },
        { selector: "CallExpression[callee.property.name='createContextualFragment']", message: 'createContextualFragment parses HTML: build DOM nodes instead.' },
      ],
      // The plugin's default method list minus import(): a dynamic import is not an HTML sink.
      'no-unsanitized/method': [
        'error',
        { defaultDisable: true },
        {
          insertAdjacentHTML: { properties: [1] },
          createContextualFragment: { properties: [0] },
          write: { objectMatches: ['document'], properties: [0] },
          writeln: { objectMatches: ['document'], properties: [0] },
          setHTMLUnsafe: { properties: [0] },
          parseHTMLUnsafe: { properties: [0] },
        },
      ],
      'no-unsanitized/property': 'error',
    },
  },
  // common/: pure, runs anywhere.
  {
    files: ['common/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan, ...nodeBan], patterns: [awsSdkBan, mainBan, { group: ['**/renderer/**'], message: 'common/ is below the renderer.' }] }],
    },
  },
  // renderer/: sandboxed browser code.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan, ...nodeBan], patterns: [awsSdkBan, mainBan] }],
      'no-restricted-properties': ['error', { property: 'dangerouslySetInnerHTML', message: 'Render text, never HTML.' }],
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // main/ (except main/electron/): electron-free core services, the browser host and the CLI.
  {
    files: ['main/**/*.{ts,tsx}'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [emulatorBan, { group: ['**/renderer/**'], message: 'main/ talks to the renderer only through the contract.' }] }],
    },
  },
  {
    files: ['main/electron/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [emulatorBan, { group: ['**/renderer/**'], message: 'main/ talks to the renderer only through the contract.' }] }],
    },
  },
  // preload/: sandboxed, CommonJS, may import electron and common/ only.
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBan, patterns: [awsSdkBan, mainBan] }],
    },
  },
  // emulator/ and tests may not import electron either (it would try to download a binary).
  {
    files: ['emulator/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  // CommonJS launchers (bin/) are plain Node scripts.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
