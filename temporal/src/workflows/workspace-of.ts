/**
 * DEFAULT_WORKSPACE_ID of @sluice/contracts, written out: the workflow bundle cannot import values from
 * libs (temporal-names.spec checks the two agree).
 */
export const DEFAULT_WORKSPACE = '00000000-0000-4000-8000-000000000001';

/** A workflow's workspace: workflows started before workspaces (and their recorded histories) carry none, and are the default workspace's. */
export function workspaceOf(input: { workspaceId?: string }): string {
  return input.workspaceId ?? DEFAULT_WORKSPACE;
}
