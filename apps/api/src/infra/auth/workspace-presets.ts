import type { Provider } from '@nestjs/common';
import type { WorkspacePresets } from '@sluice/identity';

/** Installs the presets into a workspace created through the API (or by single sign-on's sign-up). */
export const WORKSPACE_PRESETS = Symbol('WorkspacePresets');

/** Until the presets use case is wired in, a new workspace starts without them. */
export const noWorkspacePresets: Provider = { provide: WORKSPACE_PRESETS, useValue: { install: async () => undefined } satisfies WorkspacePresets };
