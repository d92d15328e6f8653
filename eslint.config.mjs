// ESLint (flat config): typescript-eslint's recommended rules, one import order, no import
// cycles, and the layering rule of docs/architecture.md. Run by `npm run lint` inside `npm test`.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The feature modules, bottom layer first. A module may import modules of lower layers only:
 * never one of its own layer or above, so no import can run back up and no two modules can
 * import each other, even through a third. Every folder of src/modules must be listed here.
 */
const MODULE_LAYERS = [
  ['audit', 'events', 'metrics', 'health', 'api-index', 'tags'],
  ['wordlists', 'articles', 'webhooks', 'http-cache'],
  ['users', 'mail'],
  ['auth', 'comments'],
  ['account', 'flags'],
  ['moderation', 'import', 'misinformation'],
  ['live', 'notifications'],
];
// The desk sits above comments and flags (issue 14): they record domain events (comment.posted,
// flag.raised) that the desk consumes, and thread reads take labels and notes through
// comments/thread. The layer order already forbids these imports; these zones say why.
const DESK_ABOVE_COMMENTS = [
  { target: './src/modules/comments', from: './src/modules/misinformation', message: 'comments must not import the misinformation desk: the desk depends on comments and consumes their events (issue 14).' },
  { target: './src/modules/flags', from: './src/modules/misinformation', message: 'flags must not import the misinformation desk: a report records flag.raised, which the desk consumes (issue 14).' },
];

const listed = new Set(MODULE_LAYERS.flat());
const unlisted = readdirSync(new URL('./src/modules', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory() && !listed.has(d.name));
if (unlisted.length > 0) throw new Error(`eslint.config.mjs: add ${unlisted.map((d) => d.name).join(', ')} to MODULE_LAYERS`);

const moduleZones = MODULE_LAYERS.flatMap((layer, i) =>
  layer.map((name) => ({
    target: `./src/modules/${name}`,
    from: MODULE_LAYERS.slice(i).flat().filter((other) => other !== name).map((other) => `./src/modules/${other}`),
    message: `modules/${name} is in layer ${i} of MODULE_LAYERS (eslint.config.mjs): it may import lower layers only.`,
  })),
).filter((zone) => zone.from.length > 0);

const TOP = ['./src/main.ts', './src/app.module.ts', './src/app.setup.ts', './src/cli'];

/** The infrastructure layers, bottom up: config, database, common, then modules, web and the top. */
const layerZones = [
  { target: './src/config', from: './src', except: ['./config'], message: 'config is the bottom layer: it imports nothing of Parley’s.' },
  { target: './src/database', from: './src', except: ['./database', './config', './generated'], message: 'database imports config only.' },
  { target: './src/common', from: './src', except: ['./common', './config', './database', './generated'], message: 'common imports config and database only.' },
  // Inside common, one direction: text and errors at the bottom, then http, then the rest.
  { target: './src/common/text', from: './src/common', except: ['./text'], message: 'common/text imports nothing else of common.' },
  { target: './src/common/errors', from: './src/common', except: ['./errors'], message: 'common/errors is the bottom of common.' },
  { target: './src/common/http', from: ['./src/common/pagination', './src/common/auth', './src/common/rate-limit'], message: 'common/http sits below pagination, auth and rate-limit.' },
  { target: ['./src/config', './src/database', './src/common', './src/modules', './src/web'], from: TOP, message: 'main, app.module, app.setup and the CLIs are the top: nothing imports them.' },
  { target: ['./src/config', './src/database', './src/common', './src/modules'], from: './src/web', message: 'src/web (serving the front end) sits above the modules.' },
  { target: './web', from: './src', message: 'the front end talks to the documented API only.' },
];

export default tseslint.config(
  // bench/*.mjs are measurement scripts run by hand (bench/README.md); the TypeScript benchmarks are linted.
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', '.data/**', 'coverage/**', 'bench/**/*.mjs'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'web/**/*.ts', 'prisma/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore names a parameter or binding that is there on purpose (Express's
      // four-argument error handler, a loop that only counts).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // Text cleaning and the tests of it list control, invisible and combining characters one by
    // one on purpose (each is matched on its own), which these two rules exist to flag.
    files: ['**/*.ts'],
    rules: { 'no-control-regex': 'off', 'no-misleading-character-class': 'off' },
  },
  {
    // One way to write SQL (src/database/hot-statement.ts): the pool is reached through runHot, or
    // by the few places that need a connection of their own (a snapshot read or a server-side
    // cursor: the user-data export, the WXR export; the health probe), never as a third style.
    files: ['src/**/*.ts'],
    ignores: [
      'src/database/**',
      'src/modules/account/user-data/user-export.ts',
      'src/modules/import/export/wxr-export.repository.ts',
      'src/modules/health/database.health.ts',
      '**/*.spec.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='pool']",
          message: 'Raw SQL on the pool joins no transaction: use the model API, a $queryRaw tagged template, or runHot for a benchmarked hot statement (src/database/hot-statement.ts).',
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**/*.mjs', 'web/**/*.mjs', 'eslint.config.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })],
      // no-cycle reads every imported file; without this it cannot parse TypeScript and sees no imports.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.mjs', '.js'],
    },
    rules: {
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          alphabetize: { order: 'asc', caseInsensitive: true },
          'newlines-between': 'never',
        },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...DESK_ABOVE_COMMENTS, ...moduleZones] }],
    },
  },
);
