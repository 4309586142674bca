import baseConfig, { noEnvironmentInLibraries, prismaOnlyInDb } from '../eslint.config.mjs';

export default [
  ...baseConfig,
  noEnvironmentInLibraries,
  {
    // Workflow code, and what it imports, runs in Temporal's deterministic sandbox and is bundled on its own,
    // without the workspace's path aliases: the SDK's workflow API, its own files, and only types from contracts.
    files: ['src/workflows/**/*.ts', 'src/search-attributes.ts', 'src/activity-steps.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...prismaOnlyInDb,
          patterns: [
            ...prismaOnlyInDb.patterns,
            {
              regex: '^(?!@temporalio/(workflow|common)$|@sluice/contracts$|\\.{1,2}/)',
              message: 'Workflow code is deterministic and bundled on its own: import @temporalio/workflow, @temporalio/common, its own files or types from @sluice/contracts.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@sluice/contracts',
              allowTypeImports: true,
              message: 'The workflow bundle cannot resolve @sluice/*: import only types from it, or move the value into temporal/.',
            },
          ],
        },
      ],
    },
  },
];
