import { getJestProjectsAsync } from '@nx/jest';

// One Jest run over every project gives `npm test` a single --json summary.
export default async () => ({
  projects: await getJestProjectsAsync(),
});
