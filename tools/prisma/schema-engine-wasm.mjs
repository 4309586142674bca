#!/usr/bin/env node
// A stand-in for Prisma's native schema-engine binary, which cannot be downloaded on machines that
// reach only the npm registry. The Prisma CLI spawns it (via PRISMA_SCHEMA_ENGINE_BINARY) with
// `--datamodels <file>… --datasource <json>` and speaks JSON-RPC over stdin/stdout; every call is
// forwarded to the official wasm build of the same engine, connected through @prisma/adapter-pg.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

// The wasm engine reports a Rust panic's message through this global before it throws.
const panics = {
  message: null,
  set_message(message) {
    this.message = message;
    process.stderr.write(`${JSON.stringify({ level: 'ERROR', fields: { message: `wasm panic: ${message}` } })}\n`);
  },
};
globalThis.PRISMA_WASM_PANIC_REGISTRY = panics;

// The package is built for bundlers (it imports its .wasm as a module); Node needs it instantiated by hand.
async function loadSchemaEngine() {
  const packageDir = dirname(fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')));
  const bytes = readFileSync(join(packageDir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return glue.SchemaEngine;
}

const RPC_TO_WASM = { getDatabaseVersion: 'version' };

function parseArgs(argv) {
  const datamodels = [];
  let datasource = {};
  let cliCommand = null;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--datamodels') datamodels.push(argv[++i]);
    else if (argv[i] === 'cli') cliCommand = argv[++i];
    else if (argv[i] === '--datasource') datasource = JSON.parse(argv[++i]);
    else if (argv[i] === '--version' || argv[i] === '-V') {
      process.stdout.write('schema-engine-wasm (sluice shim)\n');
      process.exit(0);
    }
  }
  return { datamodels, datasource, cliCommand };
}

// adapter-pg takes the database name from a connection string over any explicit `database`, so the
// shadow database would silently be the main one: pass the parts separately instead.
function poolConfig(url, database) {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: database ?? decodeURIComponent(parsed.pathname.slice(1)),
  };
}

// Catalogue queries return Postgres "char" columns (OID 18), which adapter-pg refuses to map; they
// are single characters, so reporting them as text is exact.
const PG_CHAR = 18;
const PG_TEXT = 25;

function reportCharAsText(adapter) {
  let owner = adapter;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'performIO')) owner = Object.getPrototypeOf(owner);
  if (!owner || owner.performIO.reportsCharAsText) return adapter;
  const performIO = owner.performIO;
  owner.performIO = async function performIOWithCharAsText(query) {
    const result = await performIO.call(this, query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  owner.performIO.reportsCharAsText = true;
  return adapter;
}

// adapter-pg splits a script on every ";", which cuts function bodies ($$ … $$) apart. Postgres runs
// a whole script as one simple query, which is what the native engine sends.
function wholeScripts(adapter) {
  adapter.executeScript = async function executeWholeScript(script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

const prepared = (adapter) => wholeScripts(reportCharAsText(adapter));

function adapterFactory(url) {
  const factory = new PrismaPg(poolConfig(url));
  const connect = factory.connect.bind(factory);
  factory.connect = async () => prepared(await connect());
  // adapter-pg drops the shadow database while its own pool still holds connections; close the pool first.
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = prepared(await new PrismaPg(poolConfig(url, name)).connect());
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

function toRpcError(error) {
  if (panics.message) {
    const message = panics.message;
    panics.message = null;
    return { code: 4466, message, data: { is_panic: true, message, error: { message } } };
  }
  let data;
  try {
    data = JSON.parse(error?.message ?? '');
  } catch {
    data = { message: String(error?.message ?? error), is_panic: false };
  }
  if (typeof data !== 'object' || data === null) data = { message: String(data), is_panic: false };
  return { code: 4466, message: data.message ?? 'Schema engine error', data };
}

// `schema-engine cli <command>`: one-shot database commands that the CLI runs before any migration.
// Success is exit 0; a failure is a JSON log line on stderr (after a first line the CLI skips).
async function runCliCommand(command, url) {
  const { default: pg } = await import('pg');
  const target = poolConfig(url);
  const run = async (database, work) => {
    const client = new pg.Client({ ...target, database });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  try {
    if (command === 'can-connect-to-database') await run(target.database, (c) => c.query('SELECT 1'));
    else if (command === 'create-database') await run('postgres', (c) => c.query(`CREATE DATABASE "${target.database}"`));
    else if (command === 'drop-database') await run('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${target.database}" WITH (FORCE)`));
    else throw new Error(`Unknown cli command ${command}`);
    process.exit(0);
  } catch (error) {
    const missing = error.code === '3D000';
    const fields = {
      error_code: missing ? 'P1003' : 'P1001',
      message: missing ? `Database \`${target.database}\` does not exist` : String(error.message),
    };
    process.stderr.write(`schema-engine-wasm\n${JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields })}\n`);
    process.exit(1);
  }
}

async function main() {
  const { datamodels, datasource, cliCommand } = parseArgs(process.argv.slice(2));
  const url = datasource.url ?? process.env.DATABASE_URL;
  if (!url) throw new Error('No datasource url given (--datasource or DATABASE_URL)');
  if (cliCommand) return runCliCommand(cliCommand, url);
  const SchemaEngine = await loadSchemaEngine();
  const engine = await SchemaEngine.new(
    { datamodels: datamodels.map((path) => [path, readFileSync(path, 'utf8')]) },
    (log) => process.stderr.write(`${JSON.stringify({ level: 'INFO', fields: { message: String(log) } })}\n`),
    adapterFactory(url),
  );

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    if (!line.trim()) return;
    // The engine handles one command at a time, as the native binary does.
    queue = queue.then(() => handle(engine, JSON.parse(line)));
  });
  lines.on('close', () => queue.then(() => process.exit(0)));
}

async function handle(engine, request) {
  const method = RPC_TO_WASM[request.method] ?? request.method;
  const reply = { jsonrpc: '2.0', id: request.id };
  try {
    if (typeof engine[method] !== 'function') throw new Error(`Method ${request.method} is not supported by the wasm schema engine`);
    const result = await engine[method](request.params ?? {});
    reply.result = result === undefined ? null : result;
  } catch (error) {
    reply.error = toRpcError(error);
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${JSON.stringify({ level: 'ERROR', fields: { message: String(error?.stack ?? error) } })}\n`);
  process.exit(1);
});
