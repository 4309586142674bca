import { randomUUID } from 'node:crypto';

import type { WorkspaceView } from '@sluice/contracts';

import type { IdentityRepositories } from './identity-repositories';
import { workspaceView } from './views';

/** Installs the presets (datasets, pipelines) into a new workspace as version 1 of its own copy. */
export interface WorkspacePresets {
  install(workspaceId: string): Promise<void>;
}

/** The workspaces a user belongs to, and new ones. */
export class Workspaces {
  constructor(
    private readonly repositories: IdentityRepositories,
    private readonly presets: WorkspacePresets,
  ) {}

  async listFor(userId: string): Promise<WorkspaceView[]> {
    return (await this.repositories.workspaces.membershipsOf(userId)).map((m) => workspaceView(m.workspace, m.role));
  }

  /** A new workspace owned by the user, with the presets installed. */
  async create(userId: string, name: string): Promise<WorkspaceView> {
    const workspace = await this.repositories.workspaces.createWithOwner({ id: randomUUID(), name: name.trim() }, userId);
    await this.presets.install(workspace.id);
    return workspaceView(workspace, 'owner');
  }
}
