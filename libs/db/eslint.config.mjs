import baseConfig, { noEnvironmentInLibraries } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  noEnvironmentInLibraries,
  {
    // libs/db is the one project that talks to the Prisma client.
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
