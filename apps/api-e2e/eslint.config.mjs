import baseConfig, { moduleBoundaries } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      // The integration tests boot and call the API's and the worker's own modules (support/sluice-app.ts, the activity specs).
      '@nx/enforce-module-boundaries': ['error', { ...moduleBoundaries, allow: [...moduleBoundaries.allow, '^(\\.\\./)+(api|worker)/src/'] }],
    },
  },
  {
    // Hostile inputs include numbers no double holds, on purpose.
    files: ['src/hostile-*.spec.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
];
