import type { TokenScope, WorkspaceRole } from '@sluice/contracts';

import { choicesOf } from './choices';

export const ROLE_CHOICES = choicesOf<WorkspaceRole>({
  viewer: 'Viewer: reads jobs, data and settings',
  editor: 'Editor: also uploads and configures',
  owner: 'Owner: also members, tokens and settings',
});

export const SCOPE_CHOICES = choicesOf<TokenScope>({
  read: 'read: GET requests only',
  write: 'write: also uploads, reruns and configuration',
  admin: 'admin: also members, tokens and settings',
});
