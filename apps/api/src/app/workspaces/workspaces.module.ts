import { Module } from '@nestjs/common';

import { WorkspacesController } from './workspaces.controller';

/** Listing and creating workspaces (switching is the session's). */
@Module({ controllers: [WorkspacesController] })
export class WorkspacesModule {}
