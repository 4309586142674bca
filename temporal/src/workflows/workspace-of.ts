import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';

/** A workflow's workspace: workflows started before workspaces (and their recorded histories) carry none, and are the default workspace's. */
export function workspaceOf(input: { workspaceId?: string }): string {
  return input.workspaceId ?? DEFAULT_WORKSPACE_ID;
}
