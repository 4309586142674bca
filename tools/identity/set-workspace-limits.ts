// Bundled and run by workspace-limits.js: shows a workspace's limits, or sets its own overrides of the defaults.
import type { WorkspaceLimits } from '@sluice/contracts';
import { Database, databaseUrlFromEnv } from '@sluice/db';
import { workspaceLimitsFromEnv } from '@sluice/jobs';

const MB = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the command calls each limit: storage in MB, as MAX_STORAGE_MB does. */
const SETTINGS: Record<string, { limit: keyof WorkspaceLimits; scale: number }> = {
  concurrentJobs: { limit: 'concurrentJobs', scale: 1 },
  filesPerUpload: { limit: 'filesPerUpload', scale: 1 },
  storageMb: { limit: 'storageBytes', scale: MB },
  retentionHours: { limit: 'retentionHours', scale: 1 },
};

function parseOverrides(args: string[]): Partial<WorkspaceLimits> {
  const overrides: Partial<WorkspaceLimits> = {};
  for (const arg of args) {
    const [name, raw] = arg.split('=', 2);
    const setting = SETTINGS[name];
    if (!setting || raw === undefined)
      throw new Error(
        `"${arg}" is not a setting: use ${Object.keys(SETTINGS)
          .map((s) => `${s}=N`)
          .join(', ')} or --reset`,
      );
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
    overrides[setting.limit] = Math.round(value * setting.scale);
  }
  return overrides;
}

const describe = (limits: WorkspaceLimits, own: Partial<WorkspaceLimits>) =>
  Object.entries(SETTINGS)
    .map(([name, { limit, scale }]) => `  ${name.padEnd(16)} ${Math.round((limits[limit] / scale) * 10) / 10}${limit in own ? ' (this workspace)' : ' (default)'}`)
    .join('\n');

async function main([workspaceId, ...args]: string[]): Promise<number> {
  const db = new Database(databaseUrlFromEnv(process.env));
  try {
    const { workspaces } = db.repositories;
    if (!UUID.test(workspaceId ?? '')) throw new Error(`"${workspaceId}" is not a workspace id (the admin's workspace switcher and GET /api/workspaces show them)`);
    const workspace = await workspaces.find(workspaceId);
    if (!workspace) throw new Error(`No workspace ${workspaceId}`);
    const reset = args.includes('--reset');
    const current = await workspaces.limitOverrides(workspace.id);
    if (reset || args.length) await workspaces.setLimitOverrides(workspace.id, reset ? {} : { ...current, ...parseOverrides(args) });
    const own = await workspaces.limitOverrides(workspace.id);
    process.stdout.write(`Limits of workspace "${workspace.name}" (${workspace.id}):\n${describe({ ...workspaceLimitsFromEnv(process.env), ...own }, own)}\n`);
    return 0;
  } catch (error) {
    // Prisma's messages quote the call; its last line says what went wrong.
    process.stderr.write(`${(error as Error).message.trim().split('\n').pop()}\n`);
    return 1;
  } finally {
    await db.disconnect();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
