#!/usr/bin/env node
// `npm run workspace-limits -- <workspace id or name> [concurrentJobs=5] [filesPerUpload=20] [storageMb=500] [retentionHours=24] [--reset]`:
// shows a workspace's limits, or sets its own overrides of the configured defaults (MAX_CONCURRENT_JOBS,
// MAX_FILES_PER_UPLOAD, MAX_STORAGE_MB, RETENTION_HOURS). An operator's command: owners cannot raise their own limits.
const { runBundled } = require('./run-bundled');

if (process.argv.length < 3) {
  console.error('Usage: npm run workspace-limits -- <workspace id or name> [concurrentJobs=N] [filesPerUpload=N] [storageMb=N] [retentionHours=N] [--reset]');
  process.exit(2);
}
runBundled('set-workspace-limits.ts', process.argv.slice(2));
