#!/usr/bin/env node
// The workflow specs run on Temporal's time-skipping test server. The SDK would download a native build
// of it, which cannot be fetched here; the same server is published on Maven Central as a Java program,
// so Maven fetches it (and its libraries) once into the bin cache and a small launcher runs it with java.
// `node tools/test/ensure-temporal-test-server.js` prints the launcher's path.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { resolveProfile } = require('../dev/profiles');

const VERSION = '1.27.0';
const ARTIFACTS = [
  { groupId: 'io.temporal', artifactId: 'temporal-test-server', version: VERSION },
  // The server logs through SLF4J; without a binding it warns on every start.
  { groupId: 'org.slf4j', artifactId: 'slf4j-nop', version: '1.7.36' },
];
// Pinned, so every machine resolves with the same plugin (Maven's default for its version is older).
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const MAIN_CLASS = 'io.temporal.testserver.TestServer';
const LAUNCHER = 'temporal-test-server';
const MANIFEST = 'manifest.json';

function onPath(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function sha1Of(file) {
  return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}

/** A folder finished by an earlier run: every library it lists is there, byte for byte. */
function isInstalled(home) {
  const manifest = path.join(home, MANIFEST);
  if (!fs.existsSync(manifest) || !fs.existsSync(path.join(home, LAUNCHER))) return false;
  try {
    const { libraries } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return Object.entries(libraries).every(([name, sha1]) => {
      const jar = path.join(home, 'lib', name);
      return fs.existsSync(jar) && sha1Of(jar) === sha1;
    });
  } catch {
    return false;
  }
}

// Debian's maven package brings a Java runtime with it.
function ensureMaven(log) {
  if (onPath('mvn') && onPath('java')) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      "The workflow specs need Java and Maven to fetch Temporal's test server: install them (apt-get install maven), or set TEMPORAL_TEST_SERVER_PATH to a test server executable",
    );
  log('Installing Maven and Java from Debian packages for the workflow specs…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'maven'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

function pomXml() {
  const dependencies = ARTIFACTS.map(
    ({ groupId, artifactId, version }) => `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`,
  );
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>sluice.tools</groupId><artifactId>temporal-test-server-launcher</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>${dependencies.join('')}</dependencies>
</project>
`;
}

/** Resolves the server and its libraries into a private Maven repository; returns the jars' paths there. */
function resolveWithMaven(staging) {
  fs.writeFileSync(path.join(staging, 'pom.xml'), pomXml());
  const classpathFile = path.join(staging, 'classpath.txt');
  // --strict-checksums: Maven fails on a jar that does not match the .sha1 the repository serves.
  const result = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '--strict-checksums',
      '-Dstyle.color=never',
      `-Dmaven.repo.local=${path.join(staging, 'repository')}`,
      `${DEPENDENCY_PLUGIN}:build-classpath`,
      `-Dmdep.outputFile=${classpathFile}`,
    ],
    { cwd: staging, encoding: 'utf8', timeout: 10 * 60_000 },
  );
  if (result.status !== 0 || !fs.existsSync(classpathFile)) {
    // Maven's own errors name the cause (an unreachable repository, a missing artifact); its help lines do not.
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((line) => /^\[ERROR\] \S/.test(line) && !/ -e switch| -X switch|possible solutions|\[Help \d+\] http/.test(line))
      .slice(0, 5)
      .join('\n');
    throw new Error(
      `Could not fetch io.temporal:temporal-test-server:${VERSION} from Maven Central (the workflow specs run on it): ${result.error?.message ?? `mvn exited with ${result.status}`}\n${output}\n` +
        'Check that Maven Central is reachable, or set TEMPORAL_TEST_SERVER_PATH to a test server executable.',
    );
  }
  return fs.readFileSync(classpathFile, 'utf8').trim().split(path.delimiter).filter(Boolean);
}

/** Checks each jar against the .sha1 Maven downloaded beside it, so a cached launcher never runs an unverified file. */
function verifiedLibraries(jars) {
  return Object.fromEntries(
    jars.map((jar) => {
      const checksumFile = `${jar}.sha1`;
      if (!fs.existsSync(checksumFile)) throw new Error(`Maven left no checksum for ${path.basename(jar)}: refusing to use it`);
      const expected = fs.readFileSync(checksumFile, 'utf8').trim().split(/\s+/)[0].toLowerCase();
      const actual = sha1Of(jar);
      if (actual !== expected) throw new Error(`${path.basename(jar)} does not match its published SHA-1 (${actual} ≠ ${expected}): delete ${path.dirname(jar)} and try again`);
      return [path.basename(jar), actual];
    }),
  );
}

// The SDK starts the server as `<executable> <port>`.
function launcherScript() {
  return `#!/bin/sh
# Temporal's time-skipping test server ${VERSION} (io.temporal:temporal-test-server), run with java.
# C1 only and a small heap: it starts faster and a test run never needs more.
dir=$(dirname "$0")
exec "\${JAVA_HOME:+\$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -cp "$dir/lib/*" ${MAIN_CLASS} "$@"
`;
}

/** Resolves, verifies and lays out the server in a staging folder, then moves it into place in one rename. */
function install(home, log) {
  ensureMaven(log);
  fs.mkdirSync(path.dirname(home), { recursive: true });
  const staging = fs.mkdtempSync(`${home}.partial-`);
  fs.chmodSync(staging, 0o755);
  try {
    log(`Fetching Temporal's test server ${VERSION} from Maven Central into ${path.dirname(home)} (first run only)…`);
    const jars = resolveWithMaven(staging);
    const libraries = verifiedLibraries(jars);
    fs.mkdirSync(path.join(staging, 'lib'));
    for (const jar of jars) fs.copyFileSync(jar, path.join(staging, 'lib', path.basename(jar)));
    fs.writeFileSync(path.join(staging, LAUNCHER), launcherScript(), { mode: 0o755 });
    fs.writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify({ version: VERSION, mainClass: MAIN_CLASS, libraries }, null, 2)}\n`);
    // Maven's plugins and the copies it verified are no longer needed.
    for (const scratch of ['repository', 'pom.xml', 'classpath.txt']) fs.rmSync(path.join(staging, scratch), { recursive: true, force: true });
    // Another run may have finished the same install meanwhile: keep that one, it may be in use.
    if (isInstalled(home)) return;
    fs.rmSync(home, { recursive: true, force: true });
    try {
      fs.renameSync(staging, home);
    } catch (error) {
      if (!isInstalled(home)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The test server's executable: TEMPORAL_TEST_SERVER_PATH, else the cached launcher, fetched first if missing. */
function ensureTemporalTestServer({ binDir = resolveProfile('test').binDir, log = console.log } = {}) {
  const given = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`TEMPORAL_TEST_SERVER_PATH names ${given}, which does not exist`);
    return path.resolve(given);
  }
  const home = path.join(binDir, `temporal-test-server-${VERSION}`);
  if (!isInstalled(home)) install(home, log);
  return path.join(home, LAUNCHER);
}

module.exports = { ensureTemporalTestServer, TEMPORAL_TEST_SERVER_VERSION: VERSION };

if (require.main === module) {
  try {
    console.log(ensureTemporalTestServer({ log: (line) => console.error(line) }));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
