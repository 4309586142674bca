#!/usr/bin/env node
// `npm run stop`: ends what `npm start` started, from another terminal.
const { resolveProfile } = require('./profiles');
const { stopDetached } = require('./services/processes');
const { stopStack } = require('./stack');

async function main() {
  const profileName = process.argv[2] ?? 'dev';
  const profile = resolveProfile(profileName);
  await Promise.all([stopDetached(profile, 'api'), stopDetached(profile, 'worker')]);
  await stopStack(profileName);
  console.log(`Stopped the "${profileName}" stack.`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
