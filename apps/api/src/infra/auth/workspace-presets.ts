/** Installs the presets into a workspace created through the API (or by single sign-on's sign-up); the presets module provides it. */
export const WORKSPACE_PRESETS = Symbol('WorkspacePresets');
