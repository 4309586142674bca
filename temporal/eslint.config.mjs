import baseConfig, { prismaOnlyInDb } from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Workflow code runs in Temporal's deterministic sandbox: the SDK's workflow API, contracts and itself only.
    files: ['src/workflows/**/*.ts'],
    ignores: ['src/workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...prismaOnlyInDb,
          patterns: [
            ...prismaOnlyInDb.patterns,
            {
              regex: '^(?!@temporalio/(workflow|common)$|@sluice/contracts$|\\.{1,2}/)',
              message: 'Workflow code is deterministic: import only @temporalio/workflow, @temporalio/common, @sluice/contracts or its own files.',
            },
          ],
        },
      ],
    },
  },
];
