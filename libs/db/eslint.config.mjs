import baseConfig, { noEnvironmentInLibraries } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    ...noEnvironmentInLibraries,
    // Until the API's PrismaModule and the worker's module pass their config's databaseUrl in (issue 12).
    ignores: [...noEnvironmentInLibraries.ignores, 'src/lib/*prisma-client.ts'],
  },
  {
    // libs/db is the one project that talks to the Prisma client.
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
