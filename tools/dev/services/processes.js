// Background services started by the stack: detached, logged to a file, tracked by a pid file so a
// later `npm run stop` (or a test teardown) can end them.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

function pidFile(profile, name) {
  return path.join(profile.runDir, `${name}.pid`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid(profile, name) {
  const file = pidFile(profile, name);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8'));
  return pid && isAlive(pid) ? pid : null;
}

function startDetached(profile, name, command, args, env = {}) {
  fs.mkdirSync(profile.runDir, { recursive: true });
  fs.mkdirSync(profile.logDir, { recursive: true });
  const log = fs.openSync(path.join(profile.logDir, `${name}.log`), 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  fs.closeSync(log);
  child.unref();
  fs.writeFileSync(pidFile(profile, name), String(child.pid));
  return child.pid;
}

async function stopDetached(profile, name, timeoutMs = 15000) {
  const pid = runningPid(profile, name);
  fs.rmSync(pidFile(profile, name), { force: true });
  if (!pid) return false;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    process.kill(pid, 'SIGTERM');
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(-pid, 'SIGKILL');
  return true;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it resolves truthy; the message names the log to read when it never does. */
async function waitFor(what, check, { timeoutMs = 60000, logFile } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  const hint = logFile ? ` (see ${logFile})` : '';
  throw new Error(`${what} did not become ready in ${timeoutMs / 1000}s${hint}${lastError ? `: ${lastError.message}` : ''}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${output || result.error?.message}`);
  }
  return result.stdout;
}

module.exports = { runningPid, startDetached, stopDetached, portOpen, waitFor, run, sleep };
