// The Temporal dev server (`temporal server start-dev`): SQLite file persistence and the Temporal UI.
const path = require('node:path');

const { ensureGoBinary } = require('./go-binary');
const { portOpen, runningPid, startDetached, waitFor } = require('./processes');

const TEMPORAL_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

async function temporalReady(address, namespace) {
  const { Connection } = require('@temporalio/client');
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

// The job search attributes (all Keyword), from the file temporal/src/search-attributes.ts defines its keys from.
const SEARCH_ATTRIBUTES = Object.values(require('../../../temporal/src/search-attributes.json'));

/**
 * Registers the job search attributes. start-dev's --search-attribute flags only apply when it
 * creates the namespace, so a data folder from an older release needs them added here.
 */
async function ensureSearchAttributes(address, namespace) {
  const { Connection } = require('@temporalio/client');
  const { temporal } = require('@temporalio/proto');
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTES.filter((name) => !(name in (customAttributes ?? {})));
    if (missing.length === 0) return;
    const searchAttributes = Object.fromEntries(missing.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]));
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } finally {
    await connection.close();
  }
}

async function startTemporal(profile, log, { headless = false } = {}) {
  const { temporal: port, temporalUi: uiPort } = profile.ports;
  const address = `127.0.0.1:${port}`;
  const logFile = path.join(profile.logDir, 'temporal.log');
  if (!runningPid(profile, 'temporal') && !(await portOpen(port))) {
    const bin = await ensureGoBinary(profile, { name: 'temporal', module: TEMPORAL_MODULE, log });
    startDetached(profile, 'temporal', bin, [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--http-port',
      String(port + 10),
      '--metrics-port',
      String(port + 20),
      '--ui-port',
      String(uiPort),
      '--db-filename',
      path.join(profile.dataDir, 'temporal.db'),
      '--namespace',
      'default',
      '--log-level',
      'warn',
      // Job workflows carry these, so runs can be found by dataset and status in Temporal UI.
      ...SEARCH_ATTRIBUTES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
      ...(headless ? ['--headless'] : []),
    ]);
  }
  await waitFor('Temporal', () => temporalReady(address, 'default'), { logFile, timeoutMs: 90000 });
  await ensureSearchAttributes(address, 'default');
  return { address, uiUrl: headless ? null : `http://127.0.0.1:${uiPort}` };
}

module.exports = { startTemporal, TEMPORAL_MODULE };
