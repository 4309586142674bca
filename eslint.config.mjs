import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * The layering `@nx/enforce-module-boundaries` holds every project to, by the tags in its project.json.
 * Libraries never depend on apps; contracts depend on nothing; core (pure processing) only on contracts;
 * the I/O libraries (db, storage, analytics, webhooks) only on contracts and core; temporal (workflows and
 * their names) only on contracts; the admin only on contracts. A new project needs a tag listed here.
 */
export const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], allowedExternalImports: ['zod'] },
  {
    sourceTag: 'type:core',
    onlyDependOnLibsWithTags: ['type:contracts'],
    bannedExternalImports: ['@prisma/*', '@temporalio/*', '@aws-sdk/*', '@duckdb/*', '@nestjs/*', 'pg', 'undici'],
  },
  { sourceTag: 'type:db', onlyDependOnLibsWithTags: ['type:contracts', 'type:core'] },
  { sourceTag: 'type:storage', onlyDependOnLibsWithTags: ['type:contracts', 'type:core'] },
  { sourceTag: 'type:analytics', onlyDependOnLibsWithTags: ['type:contracts', 'type:core'] },
  { sourceTag: 'type:webhooks', onlyDependOnLibsWithTags: ['type:contracts', 'type:core'] },
  { sourceTag: 'type:temporal', onlyDependOnLibsWithTags: ['type:contracts'] },
  // Use cases compose persistence, storage and webhooks; Temporal stays behind their ports.
  { sourceTag: 'type:use-cases', onlyDependOnLibsWithTags: ['type:contracts', 'type:core', 'type:db', 'type:storage', 'type:webhooks'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['type:contracts'] },
  // The integration tests drive the whole system, the API's and worker's own modules included.
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
];

export const moduleBoundaries = {
  enforceBuildableLibDependency: true,
  // Build configs load the shared webpack setup from tools/, which is scripts, not a project.
  allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/build/'],
  depConstraints,
};

/** libs/db owns persistence: nothing else talks to the Prisma client or its generated types. */
export const prismaOnlyInDb = {
  patterns: [
    { group: ['@prisma/client', '@prisma/client/*'], message: 'Only libs/db talks to Prisma; use a repository from @sluice/db.' },
    { group: ['**/generated/prisma', '**/generated/prisma/**'], message: 'Only libs/db talks to Prisma; use a repository from @sluice/db.' },
  ],
  paths: [{ name: '@sluice/db', importNames: ['Prisma', 'PrismaClient'], message: 'Only libs/db talks to Prisma; use a repository from @sluice/db.' }],
};

/** Libraries take their settings as values; only the apps' config reads the environment (tests and their harnesses aside). */
export const noEnvironmentInLibraries = {
  files: ['**/*.ts'],
  ignores: ['**/*.spec.ts', '**/testing/**', 'jest.config.ts'],
  rules: {
    'no-restricted-properties': [
      'error',
      { object: 'process', property: 'env', message: "Libraries take settings as values: read the environment in the app's config and pass them in." },
    ],
  },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/generated', '**/.data', '**/tmp', '**/coverage', '**/test-artifacts', '**/.angular', '**/.nx'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs', '**/*.cts', '**/*.mts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries],
      'no-restricted-imports': ['error', prismaOnlyInDb],
      // Sluice finds and neutralises NUL and other control characters in untrusted input on purpose; those regexes are all this rule flags.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.cts', '**/*.mts'],
    rules: {
      // typescript-eslint's recommended setting, which Nx turns off: a TypeScript file imports.
      '@typescript-eslint/no-require-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Last, so no stylistic rule argues with Prettier.
  prettier,
];
