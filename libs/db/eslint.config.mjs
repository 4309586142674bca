import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // libs/db is the one project that talks to the Prisma client.
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
