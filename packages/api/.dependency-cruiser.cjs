/**
 * Layer rules of docs ARCHITECTURE §2, checked on every `npm run lint`.
 * Paths are relative to packages/api; the SDK resolves (via its `source` condition) to ../event-sourcing/src.
 */
const SLICE_KINDS = '(write|read|automation)';
const SDK = '^\\.\\./event-sourcing/';
const SDK_ENTRY_POINTS = `${SDK}src/(index|adapters/index|postgres/index|nestjs/index|testing/index|testing/nestjs/index|testing/postgres/index)\\.ts$`;
/** Who needs a read model's rows: its read slices, automations, write slices' port adapters, the access-token checks. */
const READ_MODEL_USERS = [
  '^src/module/read/',
  '^src/module/automation/',
  '^src/module/write/[^/]+/infrastructure/',
  '^src/shared/auth/',
  // A spec arranges the rows the adapter it tests reads.
  '\\.(int-)?spec\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'A write slice domain imports only module/shared, the SDK core entry and files of its own domain: no framework, no I/O.',
      severity: 'error',
      from: { path: '^src/module/write/([^/]+)/domain/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^src/module/shared/', '^src/module/write/$1/domain/', `${SDK}src/index\\.ts$`] },
    },
    {
      name: 'domain-specs-are-pure-too',
      comment: 'Domain specs add only the test runner and the SDK testing DSL to what the domain may import.',
      severity: 'error',
      from: { path: '^src/module/write/([^/]+)/domain/.+\\.spec\\.ts$' },
      to: {
        pathNot: [
          '^src/module/shared/',
          '^src/module/write/$1/domain/',
          `${SDK}src/(index|testing/index)\\.ts$`,
          '(^|/)node_modules/vitest/',
        ],
      },
    },
    {
      name: 'no-cross-slice-imports',
      comment:
        'Slices talk through module/shared events and commands, never by importing each other; a */shared/ folder is shared because it imports no slice either.',
      severity: 'error',
      from: { path: `^src/module/${SLICE_KINDS}/([^/]+)/` },
      to: {
        path: `^src/module/${SLICE_KINDS}/`,
        pathNot: ['^src/module/$1/$2/', `^src/module/${SLICE_KINDS}/shared/`],
      },
    },
    {
      name: 'read-and-automation-do-not-reach-into-write',
      comment: 'Read and automation slices see write slices only through module/shared (and the SDK wiring in write/shared).',
      severity: 'error',
      from: { path: '^src/module/(read|automation)/' },
      to: { path: '^src/module/write/', pathNot: '^src/module/write/shared/' },
    },
    {
      name: 'read-models-only-where-needed',
      comment:
        'Read tables (module/read/shared) are for the slices that need the rows; a write controller, handler or domain names a read model only by its subscription id.',
      severity: 'error',
      from: { path: '^src/', pathNot: READ_MODEL_USERS },
      to: { path: '^src/module/read/shared/', pathNot: '^src/module/read/shared/read-model-subscription-ids\\.ts$' },
    },
    {
      name: 'presentation-does-not-use-infrastructure',
      comment: 'Controllers go through commands and ports; adapters are wired by the module.',
      severity: 'error',
      from: { path: '/presentation/' },
      to: { path: '/infrastructure/' },
    },
    {
      name: 'sdk-only-through-entry-points',
      comment:
        'Import @coderscamp/event-sourcing or one of its entry points (/adapters, /postgres, /nestjs, /testing, /testing/nestjs, /testing/postgres); never the SDK internals.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: SDK, pathNot: SDK_ENTRY_POINTS },
    },
    {
      name: 'no-circular',
      comment: 'Cycles leave decorator metadata undefined at load time and blur module boundaries.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve (e.g. a path the SDK does not export) is an error, not a guess.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', SDK] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
