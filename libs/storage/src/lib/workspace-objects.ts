import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';

import { inboxRoot, LEGACY_INBOX_PREFIX, LEGACY_JOBS_PREFIX, workspacePrefix } from './object-keys';
import type { IncompleteUpload, ObjectStore, StoredObject } from './object-store';

/** What one workspace's part of the bucket holds. */
export interface WorkspaceObjects {
  jobs: StoredObject[];
  inbox: StoredObject[];
  incompleteUploads: IncompleteUpload[];
}

/** The workspace's job objects, inbox files and incomplete uploads; the default workspace's include the prefixes used before workspaces. */
export async function listWorkspaceObjects(store: Pick<ObjectStore, 'list' | 'listIncompleteUploads'>, workspaceId: string): Promise<WorkspaceObjects> {
  const legacy = workspaceId === DEFAULT_WORKSPACE_ID;
  const jobPrefixes = [`${workspacePrefix(workspaceId)}jobs/`, ...(legacy ? [LEGACY_JOBS_PREFIX] : [])];
  const inboxPrefixes = [inboxRoot(workspaceId), ...(legacy ? [LEGACY_INBOX_PREFIX] : [])];
  const all = <T>(lists: Promise<T[]>[]) => Promise.all(lists).then((found) => found.flat());
  const [jobs, inbox, incompleteUploads] = await Promise.all([
    all(jobPrefixes.map((p) => store.list(p))),
    all(inboxPrefixes.map((p) => store.list(p))),
    all(jobPrefixes.map((p) => store.listIncompleteUploads(p))),
  ]);
  return { jobs, inbox, incompleteUploads };
}

/** Bytes the workspace holds in storage, as its storage limit counts them: every job object (a job's own or one the sweeper has yet to take), inbox file and started upload. */
export function storedBytesOf({ jobs, inbox, incompleteUploads }: WorkspaceObjects): number {
  const bytes = (objects: { size: number }[]) => objects.reduce((sum, o) => sum + o.size, 0);
  return bytes(jobs) + bytes(inbox) + incompleteUploads.reduce((sum, u) => sum + u.bytes, 0);
}
