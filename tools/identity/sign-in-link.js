#!/usr/bin/env node
// `npm run sign-in-link -- <email>`: for an operator who lost access, prints a one-time sign-in link for
// an existing account (valid 24 h), through the same use case as the API. The CLI proper (issue 17) will take this over.
const { runBundled } = require('./run-bundled');

const email = process.argv[2];
if (!email || process.argv.length > 3) {
  console.error('Usage: npm run sign-in-link -- <email>');
  process.exit(2);
}
runBundled('issue-sign-in-link.ts', [email]);
